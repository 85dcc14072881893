// Test of lab 02 exercise tree_walk: in-order, and a deep tree without stack growth.
#include "lab02.hpp"

#include <coframe/board/stack.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {
// A chain of `depth` nodes, each the left child of the one before: values depth..1 from the
// bottom up, so in order they read 1, 2, ..., depth.
node chain[100];

const node* make_chain(int depth) {
  for (int i = 0; i < depth; ++i) {
    chain[i] = node{depth - i, i + 1 < depth ? &chain[i + 1] : nullptr, nullptr};
  }
  return &chain[0];
}

// Stack bytes used while walking the tree; sets *ok if it yields 1, 2, ..., depth.
std::size_t walk(int depth, bool* ok) {
  const node* root = make_chain(depth);
  coframe::stack::reset_high_water_mark();
  const std::size_t before = coframe::stack::in_use();
  int want = 1;
  *ok = true;
  for (int v : in_order(root)) *ok = *ok && v == want++;
  *ok = *ok && want == depth + 1;
  return coframe::stack::high_water_mark() - before;
}
}  // namespace

int main() {
  tap::plan(5);
  const node n1{1, nullptr, nullptr}, n3{3, nullptr, nullptr}, n2{2, &n1, &n3};
  const node n5{5, nullptr, nullptr}, n4{4, &n2, &n5};
  int got[6] = {}, count = 0;
  for (int v : in_order(&n4)) {
    if (count < 6) got[count] = v;
    ++count;
  }
  tap::ok(count == 5 && got[0] == 1 && got[1] == 2 && got[2] == 3 && got[3] == 4 && got[4] == 5,
          "a five-node tree in order: 1 2 3 4 5");
  bool ok1 = false, ok100 = false;
  // Warm-up: the first deep walk grows the heap, and malloc's path to _sbrk needs more stack
  // than later allocations; measure only after it.
  walk(100, &ok100);
  const std::size_t one = walk(1, &ok1);
  const std::size_t hundred = walk(100, &ok100);
  tap::ok(ok1, "a chain of 1 node");
  tap::ok(ok100, "a chain of 100 nodes, in order");
  tap::ok(hundred <= one, "walking 100 levels needs no more stack than 1 level");
  tap::diag("stack bytes: depth 1 ", one, ", depth 100 ", hundred);
  tap::equal(coframe::generator_frames::outstanding(), std::size_t{0}, "every frame freed");
  tap::done();
}
