// Test of lab 03 exercise allocator_arg: frames of coroutines that name an allocator after
// std::allocator_arg come from it, for a plain and for a member coroutine; a coroutine that
// names none gets the default pool; every frame goes back to the allocator that served it,
// whatever allocator is current when it is destroyed; a failed allocation is an invalid task.
// The allocator of each round is drawn from the runner's seed.
#include "lab03.hpp"

#include <coframe/frame/frame_pool.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {

coframe::frame_pool memory;  // where the test's allocators get their blocks

// Counts what it serves and takes back; can be told to refuse the next request.
class counted final : public coframe::frame_resource {
 public:
  void* allocate(std::size_t size, std::size_t alignment) noexcept override {
    ++requests;
    if (refuse_next) {
      refuse_next = false;
      return nullptr;
    }
    return memory.allocate(size, alignment);
  }
  void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept override {
    ++freed;
    memory.deallocate(block, size, alignment);
  }
  int requests = 0, freed = 0;
  bool refuse_next = false;
};

counted a, b;  // static: a test allocator never dies before the frames it served

// noinline: a compiler that sees a frame's whole life may place it inside its caller's frame
// (HALO) and call no operator new at all; these calls must really allocate.
[[gnu::noinline]] arg_task read_channel(std::allocator_arg_t, coframe::frame_resource&,
                                        int channel) {
  co_return channel * 10;
}
[[gnu::noinline]] arg_task read_default(int channel) { co_return channel * 10; }

bool all(bool (&passed)[8]) {
  for (bool p : passed) {
    if (!p) return false;
  }
  return true;
}

}  // namespace

[[gnu::noinline]] arg_task adc::read(std::allocator_arg_t, coframe::frame_resource&, int channel) {
  co_return channel + offset;
}

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  auto& pool = coframe::default_frame_pool();
  constexpr int rounds = 8;
  bool from_named[rounds], member_from_named[rounds], went_back[rounds], other_untouched[rounds];
  bool default_untouched[rounds], invalid_on_failure[rounds], default_when_unnamed[rounds],
      unnamed_back[rounds];
  for (int round = 0; round < rounds; ++round) {
    counted& chosen = numbers.below(2) == 0 ? a : b;
    counted& other = &chosen == &a ? b : a;
    const int channel = static_cast<int>(numbers.below(16));
    chosen.requests = chosen.freed = other.requests = other.freed = 0;
    const std::size_t in_pool = pool.outstanding();
    {
      arg_task t = read_channel(std::allocator_arg, chosen, channel);
      adc converter{static_cast<int>(numbers.below(100))};
      arg_task u = converter.read(std::allocator_arg, chosen, channel);
      from_named[round] = t.valid() && chosen.requests >= 1;
      member_from_named[round] = u.valid() && chosen.requests == 2;
      default_untouched[round] = pool.outstanding() == in_pool;
      coframe::frame_scope scope{other};  // destroyed while another allocator is current
    }
    went_back[round] = chosen.freed == 2;
    other_untouched[round] = other.requests == 0 && other.freed == 0;

    chosen.refuse_next = true;
    invalid_on_failure[round] = !read_channel(std::allocator_arg, chosen, channel).valid();
    chosen.refuse_next = false;
    {
      arg_task d = read_default(channel);
      default_when_unnamed[round] = d.valid() && pool.outstanding() == in_pool + 1;
    }
    unnamed_back[round] = pool.outstanding() == in_pool;
  }
  tap::ok(all(from_named), "f(std::allocator_arg, A, ...): the frame comes from A");
  tap::ok(all(member_from_named),
          "a member coroutine's frame comes from A too");
  tap::ok(all(default_untouched), "a frame named to A does not come from the default pool");
  tap::ok(all(other_untouched), "the other allocator serves and frees nothing");
  tap::ok(all(went_back), "every frame goes back to the allocator that served it");
  tap::ok(all(invalid_on_failure), "when A has no memory, the call returns an invalid task");
  tap::ok(all(default_when_unnamed), "a coroutine that names no allocator gets the default pool");
  tap::ok(all(unnamed_back), "... and its frame goes back there");
  tap::done();
}
