// Lab 02's target test: the library's generator and the lab's coroutines on the board.
// Sequences, early break in every state with destruction order, deep recursion without stack
// growth, allocation failure, every frame freed, and parser parity with lab 01: the coroutine
// parser runs lab 01's test vectors (frame_protocol.hpp), byte for byte.
#include "../frame_parser.hpp"
#include "../smallest.hpp"
#include "../two_way.hpp"

#include <coframe/board/format.hpp>
#include <coframe/coro/generator.hpp>
#include <coframe/board/stack.hpp>
#include <coframe/testing/tap.hpp>

#include <cstddef>

using coframe::elements_of;
using coframe::generator;
using coframe::generator_frames;
namespace tap = coframe::tap;

namespace {

// A counter whose frame comes from operator new on every compiler: one that sees the whole life
// of a coroutine may place its frame in the caller's stack frame instead (Clang does: HALO).
[[gnu::noinline]] lab02::counter counter_on_heap(int last) { return lab02::count_to(last); }

generator<int> countdown(int n) {
  while (n > 0) co_yield n--;
}

// Records constructions (+x) and destructions (-x) of named locals.
coframe::text_buffer<64> events;
struct trace {
  char name;
  explicit trace(char n) : name(n) { events.put("+"), events.put({&name, 1}); }
  trace(const trace&) = delete;
  trace& operator=(const trace&) = delete;
  ~trace() { events.put("-"), events.put({&name, 1}); }
};

generator<int> three_locals() {
  trace a{'a'};
  co_yield 1;
  trace b{'b'};
  co_yield 2;
  {
    trace c{'c'};
    co_yield 3;
  }
  co_yield 4;
}

generator<int> nested(int depth) {
  co_yield depth;
  if (depth > 0) co_yield elements_of(nested(depth - 1));
  co_yield -depth;
}

// A chain in which every level delegates at once, without yielding: entering it, and leaving
// it when the innermost finishes, pass through every level in a row.
generator<int> delegates_only(int depth) {
  if (depth == 0) {
    co_yield 1;
    co_yield 2;
    co_return;
  }
  co_yield elements_of(delegates_only(depth - 1));
}

// Stack bytes used while `f` runs.
template <class F>
std::size_t stack_used_by(F f) {
  coframe::stack::reset_high_water_mark();
  const std::size_t before = coframe::stack::in_use();
  f();
  return coframe::stack::high_water_mark() - before;
}

// Stack bytes used while iterating `g` to the end.
std::size_t stack_to_iterate(generator<int> (*make)(int), int depth, int* count) {
  *count = 0;
  return stack_used_by([&] {
    for (int v : make(depth)) {
      (void)v;
      ++*count;
    }
  });
}

// Stack bytes used to destroy a chain of `depth` levels suspended at its innermost.
std::size_t stack_to_destroy(int depth) {
  auto g = delegates_only(depth);
  auto it = g.begin();
  (void)it;
  return stack_used_by([&] { auto dying = std::move(g); });
}

void sequences() {
  int want = 3, got = 0;
  bool in_order = true;
  for (int v : countdown(3)) in_order = in_order && v == want--, ++got;
  tap::ok(in_order && got == 3, "countdown(3) yields 3 2 1");

  lab02::counter c = counter_on_heap(2);
  const bool first = c.next() && c.value() == 1;
  const bool second = c.next() && c.value() == 2;
  tap::ok(first && second && !c.next() && c.frame().done(), "the smallest coroutine: 1 2 done");
  tap::ok(lab02::counter::promise_type::last_frame_size > 0, "counter's frame size was seen");
}

void early_break() {
  const char* want[] = {"", "+a-a", "+a+b-b-a", "+a+b+c-c-b-a", "+a+b+c-c-b-a",
                        "+a+b+c-c-b-a"};
  for (int stop = 0; stop <= 5; ++stop) {
    events.clear();
    {
      auto g = three_locals();
      int taken = 0;
      if (stop > 0) {
        for (int v : g) {
          (void)v;
          if (++taken == stop) break;
        }
      }
    }
    coframe::text_buffer<48> what;
    coframe::write_to(what, "break after ", stop, " elements: locals destroyed in order");
    tap::equal(events.view(), std::string_view{want[stop]}, what.view());
  }
  tap::equal(generator_frames::outstanding(), std::size_t{0}, "early break leaks no frame");
}

// Every figure is compared at depth 1 and at depth 200, after a warm-up run: the heap's first
// growth takes more stack (malloc reaching _sbrk) than any later allocation. "No growth" allows
// less than a byte per level: malloc's own stack use varies by a word between runs, and a
// recursion takes at least 8 bytes per level.
bool no_growth(std::size_t at_depth_1, std::size_t at_depth_200) {
  return at_depth_200 < at_depth_1 + 199;
}

void recursion() {
  int count = 0;
  stack_to_iterate(nested, 200, &count);  // warm-up
  const std::size_t one = stack_to_iterate(nested, 1, &count);
  const std::size_t deep = stack_to_iterate(nested, 200, &count);
  tap::equal(count, 402, "nested(200) yields 402 elements");
  tap::ok(no_growth(one, deep), "iterating: no stack growth with depth");
  tap::diag("stack bytes: depth 1 ", one, ", depth 200 ", deep);

  const std::size_t enter_one = stack_to_iterate(delegates_only, 1, &count);
  const std::size_t enter_deep = stack_to_iterate(delegates_only, 200, &count);
  tap::equal(count, 2, "a chain that only delegates yields its innermost elements");
  tap::ok(no_growth(enter_one, enter_deep),
          "entering and leaving a chain that delegates without yielding: no stack growth with "
          "depth");
  tap::diag("stack bytes: depth 1 ", enter_one, ", depth 200 ", enter_deep);

  const std::size_t destroy_one = stack_to_destroy(1);
  const std::size_t destroy_deep = stack_to_destroy(200);
  tap::ok(no_growth(destroy_one, destroy_deep),
          "destroying a suspended chain: no stack growth with depth");
  tap::diag("stack bytes: depth 1 ", destroy_one, ", depth 200 ", destroy_deep);
  tap::equal(generator_frames::alive(), std::size_t{0}, "every nested frame destroyed");
  tap::equal(generator_frames::outstanding(), std::size_t{0}, "every nested frame freed");
}

void allocation_failure() {
  generator_frames::fail_allocation();
  auto g = countdown(3);
  int n = 0;
  for (int v : g) n += v;
  tap::ok(!g.valid() && g.allocation_failed() && n == 0,
          "a failed frame allocation gives an invalid, empty generator");

  generator_frames::fail_allocation(1);  // the root's frame succeeds, nested(2)'s fails
  auto h = nested(3);
  n = 0;
  for (int v : h) (void)v, ++n;
  tap::ok(h.valid() && h.allocation_failed() && n == 2,
          "a failed nested allocation cuts the sequence short, and the root says so");

  generator_frames::fail_allocation();
  lab02::coroutine_parser parser;
  tap::ok(!parser.valid(), "a parser whose frame could not be allocated is invalid");
}

void parser_parity() {
  for (const frame::test_case& c : frame::test_cases) {
    lab02::coroutine_parser parser;
    const auto m = frame::check(parser, c);
    coframe::text_buffer<80> what;
    coframe::write_to(what, "parser parity with lab 01: ", c.name);
    tap::ok(parser.valid() && !m, what.view());
    if (m) {
      tap::diag("at byte ", m->at, ": got ", frame::name(m->got), ", expected ",
                frame::name(m->want), m->payload_differs ? " (payload differs)" : "");
    }
  }
}

}  // namespace

int main() {
  generator_frames::reset();
  sequences();
  early_break();
  recursion();
  allocation_failure();
  parser_parity();
  tap::equal(generator_frames::alive(), std::size_t{0}, "no frame alive at the end");
  tap::equal(generator_frames::outstanding(), std::size_t{0}, "no frame outstanding at the end");
  tap::ok(generator_frames::allocated() > 0 && generator_frames::failed() == 3 &&
              !generator_frames::failure_pending(),
          "frames were counted, and exactly the three requested failures happened");
  tap::done();
}
