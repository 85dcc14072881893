// Mutant of lab 02 exercise tree_walk: the node before its left subtree.
//
// The wrong answer: the right technique in the wrong order: the node's value first, then the
// left subtree, then the right one (a pre-order walk; the lines read naturally that way).
// What catches it: the order of the small tree's values and of the drawn tree's.
//
// The test reports:
//   status 1
//   not ok {num} - a five-node tree in order
//   not ok {num} - a tree of a shape drawn from the seed, in order
#include "lab02.hpp"

coframe::generator<int> in_order(const node* root) {
  if (root == nullptr) co_return;
  co_yield root->value;
  co_yield coframe::elements_of(in_order(root->left));
  co_yield coframe::elements_of(in_order(root->right));
}
