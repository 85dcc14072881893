var NAVTREE =
[
  [ "coframe", "index.html", [
    [ "coframe: coroutines on a microcontroller", "index.html", null ]
  ] ]
];
