// What coframe/coro/generator.hpp refuses at compile time. tools/check-compile-fails compiles
// this file once as it is (it must compile: the harness can pass) and once per case below with
// -DREFUSE_<name> (each must fail, with a diagnostic matching the pattern after the colon).
//
// refuse CO_AWAIT: await_transform
// refuse OVER_ALIGNED_COPY: over-aligned
// refuse ELEMENTS_OF_IN_A_PLAIN_GENERATOR: yield_value
// refuse LVALUE_OF_A_MOVE_ONLY_TYPE: yield_value
// refuse CV_QUALIFIED_VALUE: cv-unqualified object type
// refuse LVALUE_ELEMENTS_AS_RVALUES: yield_value
// refuse COPY: deleted
#include <coframe/coro/generator.hpp>

#include <coroutine>
#include <memory>
#include <vector>

using coframe::elements_of;
using coframe::generator;
using coframe::plain_generator;

generator<int> numbers() {
  co_yield 1;
  co_yield 2;
}

// The control: what the cases below get wrong, done right.
generator<int> fine() {
  co_yield elements_of(numbers());
  std::vector<int> v{3, 4};
  for (int x : v) co_yield x;
  auto p = std::make_unique<int>(5);
  co_yield *p;
}

#if defined(REFUSE_CO_AWAIT)
// P2502: a generator body may not co_await (it would suspend with no element to hand out).
generator<int> awaits() {
  co_await std::suspend_always{};
  co_yield 1;
}
#endif

#if defined(REFUSE_OVER_ALIGNED_COPY)
// The copy of a yielded lvalue would be over-aligned in the frame, which Clang 14 misaligns.
struct alignas(2 * __STDCPP_DEFAULT_NEW_ALIGNMENT__) block {
  char bytes[2 * __STDCPP_DEFAULT_NEW_ALIGNMENT__];
};
generator<block> blocks() {
  block b{};
  co_yield b;
}
#endif

#if defined(REFUSE_ELEMENTS_OF_IN_A_PLAIN_GENERATOR)
// A plain_generator cannot delegate: that is what makes it cheap.
plain_generator<int> delegates() { co_yield elements_of(numbers()); }
#endif

#if defined(REFUSE_LVALUE_OF_A_MOVE_ONLY_TYPE)
// An lvalue yielded into a generator of T is copied, and a unique_ptr cannot be.
generator<std::unique_ptr<int>> pointers() {
  auto p = std::make_unique<int>(1);
  co_yield p;
}
#endif

#if defined(REFUSE_CV_QUALIFIED_VALUE)
generator<int, const int> constants() { co_yield 1; }
#endif

#if defined(REFUSE_LVALUE_ELEMENTS_AS_RVALUES)
// The elements of an lvalue vector<int> are int&, and generator<int> hands out int&&: the
// consumer could move from the vector. P2502 refuses; yield from a generator<const int&>.
generator<int> from_a_vector() {
  std::vector<int> v{1, 2};
  co_yield elements_of(v);
}
#endif

#if defined(REFUSE_COPY)
// A generator owns its frame: it can be moved, not copied.
void copies() {
  auto g = numbers();
  auto h = g;
}
#endif
