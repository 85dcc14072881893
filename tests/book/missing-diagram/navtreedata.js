var NAVTREE =
[
  [ "coframe", "index.html", [
    [ "Lab 00: boot", "index.html", null ]
  ] ]
];
