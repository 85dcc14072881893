// Mutant of lab 02 exercise tree_walk: the subtrees re-yielded with a for loop.
//
// The wrong answer: the recursion is there, but each level hands on its subtree's values one
// by one (a range-for over the recursive call, co_yield of each value), the way one would in
// Python before `yield from`. The values are right; but every level resumes the level below
// it with a nested call, so the stack grows with the depth, and each element climbs the chain.
// What catches it: the stack used at depth 100 against depth 1.
//
// The test reports:
//   status 1
//   not ok {num} - walking 100 levels needs no more stack than 1 level (within 64 bytes)
#include "lab02.hpp"

coframe::generator<int> in_order(const node* root) {
  if (root == nullptr) co_return;
  for (int v : in_order(root->left)) co_yield v;
  co_yield root->value;
  for (int v : in_order(root->right)) co_yield v;
}
