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

// Stack bytes used while iterating nested(depth) to the end.
std::size_t stack_for(int depth, int* count) {
  coframe::stack::reset_high_water_mark();
  const std::size_t before = coframe::stack::in_use();
  *count = 0;
  for (int v : nested(depth)) {
    (void)v;
    ++*count;
  }
  return coframe::stack::high_water_mark() - before;
}

void sequences() {
  int want = 3, got = 0;
  bool in_order = true;
  for (int v : countdown(3)) in_order = in_order && v == want--, ++got;
  tap::ok(in_order && got == 3, "countdown(3) yields 3 2 1");

  lab02::counter c = lab02::count_to(2);
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

void recursion() {
  int count1 = 0, count100 = 0;
  stack_for(100, &count100);  // warm-up: the heap's first growth uses more stack (malloc)
  const std::size_t one = stack_for(1, &count1);
  const std::size_t hundred = stack_for(100, &count100);
  tap::equal(count100, 202, "nested(100) yields 202 elements");
  tap::equal(hundred, one, "stack use at depth 100 equals stack use at depth 1");
  tap::diag("stack bytes: depth 1 ", one, ", depth 100 ", hundred);
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
  tap::equal(generator_frames::outstanding(), std::size_t{0}, "no frame outstanding at the end");
  tap::ok(generator_frames::allocated() > 0 && generator_frames::failed() == 3,
          "frames were counted, and exactly the three requested failures happened");
  tap::done();
}
