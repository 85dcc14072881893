// Lab 03: one chain of coroutines, written once per design, so the designs can be compared on
// the same work. sum(x) awaits pair(x) and pair(x + 2); pair(x) awaits square(x) and
// square(x + 1); square yields to the dispatcher once, so two chains take turns. That is seven
// frames per chain, plus the root_task of async_run: sum(x) = x² + (x+1)² + (x+2)² + (x+3)².
//
// Without exceptions a failure is a value: each level forwards an empty result from below.
#pragma once

#include "any_dispatcher.hpp"
#include "argument.hpp"
#include "dispatcher.hpp"
#include "scoped.hpp"

#include <coframe/frame/frame_allocator.hpp>

#include <memory>
#include <optional>

namespace lab03 {

/// What sum(x) computes, for checking.
constexpr int sum_expected(int x) {
  return x * x + (x + 1) * (x + 1) + (x + 2) * (x + 2) + (x + 3) * (x + 3);
}

}  // namespace lab03

namespace lab03::by_argument {
// [chain-argument]
inline task<int> square(std::allocator_arg_t, coframe::frame_resource&, run_queue& queue, int x) {
  co_await queue.yield();
  co_return x * x;
}
inline task<int> pair(std::allocator_arg_t, coframe::frame_resource& alloc, run_queue& queue,
                      int x) {
  const std::optional<int> a = co_await square(std::allocator_arg, alloc, queue, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await square(std::allocator_arg, alloc, queue, x + 1);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
inline task<int> sum(std::allocator_arg_t, coframe::frame_resource& alloc, run_queue& queue,
                     int x) {
  const std::optional<int> a = co_await pair(std::allocator_arg, alloc, queue, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await pair(std::allocator_arg, alloc, queue, x + 2);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
// [chain-argument]
}  // namespace lab03::by_argument

namespace lab03::by_dispatcher {
// [chain-dispatcher]
inline task<int> square(dispatcher d, int x) {
  co_await d.yield();
  co_return x * x;
}
inline task<int> pair(dispatcher d, int x) {
  const std::optional<int> a = co_await square(d, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await square(d, x + 1);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
inline task<int> sum(dispatcher d, int x) {
  const std::optional<int> a = co_await pair(d, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await pair(d, x + 2);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
// [chain-dispatcher]
}  // namespace lab03::by_dispatcher

namespace lab03::by_scope {
// [chain-scope]
template <class Queue>
task<int> square(Queue& queue, int x) {
  co_await queue.yield();
  co_return x * x;
}
template <class Queue>
task<int> pair(Queue& queue, int x) {
  const std::optional<int> a = co_await square(queue, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await square(queue, x + 1);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
template <class Queue>
task<int> sum(Queue& queue, int x) {
  const std::optional<int> a = co_await pair(queue, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await pair(queue, x + 2);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
// [chain-scope]
}  // namespace lab03::by_scope

namespace lab03::by_any_dispatcher {
// [chain-any]
inline task<int> square(any_dispatcher d, int x) {
  co_await d.yield();
  co_return x * x;
}
inline task<int> pair(any_dispatcher d, int x) {
  const std::optional<int> a = co_await square(d, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await square(d, x + 1);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
inline task<int> sum(any_dispatcher d, int x) {
  const std::optional<int> a = co_await pair(d, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await pair(d, x + 2);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
// [chain-any]
}  // namespace lab03::by_any_dispatcher
