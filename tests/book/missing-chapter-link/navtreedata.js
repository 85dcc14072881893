var NAVTREE =
[
  [ "coframe", "index.html", [
    [ "Introduction", "index.html", null ],
    [ "Lab 00: boot", "other.html", null ]
  ] ]
];
