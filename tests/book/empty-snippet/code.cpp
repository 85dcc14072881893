// [region]

// [region]
