// [region]
int answer() { return 42; }
// [region]
