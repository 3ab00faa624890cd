#pragma once

#include "brian/detail/parallel.hpp"

namespace brian {

namespace execution {
/// One thread (the default).
struct serial_t {};
inline constexpr serial_t serial{};
/// `network net(execution::threads{2}, P, S, ...)` or `net.set_threads(2)`: the groups'
/// loops, synaptic propagation (partitioned by target, no atomics) and Poisson inputs run
/// on `count` threads (0: all hardware threads). Work is split into chunks whose results
/// are combined in a fixed order and random numbers are keyed by element, so every spike
/// is bit-identical whatever the thread count. Small groups run serially: a chunk must
/// hold enough work to pay for the hand-over.
struct threads {
    unsigned count = 0;
};
}  // namespace execution

}  // namespace brian
