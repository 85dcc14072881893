// Lab 02, exercise tree_walk — elements_of for a tree.
//
// Write in_order() (declared in lab02.hpp): the values of the tree, left subtree first, then
// the node, then the right subtree. Use co_yield coframe::elements_of(...) for the subtrees.
// The test walks a small tree, and a chain of 100 nodes: walking it must use no more stack
// than walking a chain of 1 (the elements_of version does not nest calls; re-yielding each
// element of a recursive call with a for loop does).
#include "lab02.hpp"

coframe::generator<int> in_order(const node* root) {
  // TODO: the subtrees are missing.
  if (root != nullptr) co_yield root->value;
}
