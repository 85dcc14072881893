// Lab 03 on the host, under AddressSanitizer and UBSan, built by GCC and by Clang: the four
// designs (tests/design_checks.hpp).
#include "design_checks.hpp"

#include <coframe/frame/frame_pool.hpp>

#include <gtest/gtest.h>

#include <string_view>

namespace {

template <class Design>
void check_design() {
  coframe::frame_pool upstream;
  lab03_tests::check_design<Design>(
      [](bool passed, std::string_view what) { EXPECT_TRUE(passed) << what; }, upstream);
  EXPECT_EQ(upstream.outstanding(), 0u);
  upstream.release();
}

TEST(Lab03, ArgumentDesign) { check_design<lab03_tests::argument_design>(); }
TEST(Lab03, DispatcherDesign) { check_design<lab03_tests::dispatcher_design>(); }
TEST(Lab03, ScopeDesign) { check_design<lab03_tests::scope_design>(); }
TEST(Lab03, AnyDispatcherDesign) { check_design<lab03_tests::any_dispatcher_design>(); }

}  // namespace
