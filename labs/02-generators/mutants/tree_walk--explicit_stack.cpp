// Mutant of lab 02 exercise tree_walk: one generator walking with a stack of nodes.
//
// The wrong answer: the classic iterative in-order walk (push the left children, pop, go
// right), in a single generator. The values are right and the stack does not grow (the node
// stack is in the frame), but it is not what the exercise teaches: one frame for the whole
// tree, no nested generators, no elements_of.
// What catches it: the number of frames a walk allocates.
//
// The test reports:
//   status 1
//   not ok {num} - every node gets a frame of its own: the walk is recursive
#include "lab02.hpp"

coframe::generator<int> in_order(const node* root) {
  const node* pending[128];
  int top = 0;
  const node* at = root;
  while (at != nullptr || top > 0) {
    while (at != nullptr) {
      pending[top++] = at;
      at = at->left;
    }
    at = pending[--top];
    co_yield at->value;
    at = at->right;
  }
}
