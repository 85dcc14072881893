// Lab 02, exercise tree_walk — solution.
#include "lab02.hpp"

// [solution]
coframe::generator<int> in_order(const node* root) {
  if (root == nullptr) co_return;
  co_yield coframe::elements_of(in_order(root->left));
  co_yield root->value;
  co_yield coframe::elements_of(in_order(root->right));
}
// [solution]
