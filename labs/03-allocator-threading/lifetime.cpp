// Lab 03, variant "lifetime": an allocator destroyed while a frame it served is still alive.
//
// Run it:   ./workbook run 03 lifetime
//
// The frame would later be freed into memory that is no longer an allocator. The counting
// resource refuses to die with frames outstanding: its destructor panics with its name and
// the count, and the run ends with status 134 (tests check both).
#include <coframe/board/console.hpp>
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_scope.hpp>

#include "chains.hpp"

#include <optional>

int main() {
  coframe::println("coframe lab 03, lifetime: an allocator that dies before its frames");
  // [lifetime]
  std::optional<lab03::by_scope::task<int>> survivor;
  lab03::run_queue queue;
  {
    coframe::counting_frame_resource sensor_frames{"sensor_frames"};
    coframe::frame_scope scope{sensor_frames};
    survivor.emplace(lab03::by_scope::sum(queue, 1));  // a frame from sensor_frames ...
  }  // ... which is destroyed here, with that frame still alive
  // [lifetime]
  coframe::println("not reached: the allocator's destructor stops the run");
  return 0;
}
