// Lab 01 — an iterator adaptor: range-for over any machine with `std::optional<T> next()`.
//
//   lab01::fibonacci numbers{10};
//   for (std::uint32_t n : lab01::machine_range{numbers}) coframe::print(n, " ");
//
// A range-for loop needs begin(), end(), and an iterator with `*`, `++` and a comparison with
// the end. The iterator holds the value the machine produced last; `++` resumes the machine;
// the loop ends when the machine produces nothing. The end is a sentinel
// (std::default_sentinel_t), not a second iterator: nobody knows where a machine ends until it
// gets there.
//
// Portable (no board dependency). Lab 02's generator offers the same begin()/end().
#pragma once

#include <iterator>
#include <optional>
#include <utility>

namespace lab01 {

// [machine-range]
/// A machine that produces values: `next()` returns the next one, or nothing when finished.
template <class M>
concept producer = requires(M& m) {
  { m.next().has_value() } -> std::same_as<bool>;
  *m.next();
};

template <producer Machine>
class machine_range {
 public:
  using value_type = typename decltype(std::declval<Machine&>().next())::value_type;

  class iterator {
   public:
    using difference_type = std::ptrdiff_t;
    using value_type = machine_range::value_type;

    iterator() = default;
    const value_type& operator*() const { return *current_; }
    iterator& operator++() {
      current_ = machine_->next();  // resume the machine: it runs to its next suspension
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const { return !current_.has_value(); }

   private:
    friend machine_range;
    iterator(Machine* machine, std::optional<value_type> first)
        : machine_(machine), current_(std::move(first)) {}
    Machine* machine_ = nullptr;
    std::optional<value_type> current_;
  };

  explicit machine_range(Machine& machine) : machine_(&machine) {}

  /// Resumes the machine for its first value. A machine runs once: begin() twice continues it.
  iterator begin() { return iterator{machine_, machine_->next()}; }
  std::default_sentinel_t end() const { return {}; }

 private:
  Machine* machine_;
};
// [machine-range]

}  // namespace lab01
