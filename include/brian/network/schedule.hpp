#pragma once

#include <cstdint>

namespace brian {

/// The slots of a time step, in order (Brian 2's `when`). Each step runs every object's
/// work for `start`, then `groups`, ..., then `end`; within a slot, objects run in
/// increasing `order`, then in the order they were given to the network.
enum class slot : std::uint8_t { start, groups, thresholds, synapses, resets, end };
inline constexpr int slot_count = 6;

/// A set of slots an object works in.
using slot_mask = std::uint8_t;
constexpr slot_mask in(slot s) { return static_cast<slot_mask>(1u << static_cast<unsigned>(s)); }
template <class... S>
constexpr slot_mask in(slot first, S... rest) {
    return in(first) | in(rest...);
}

/// Where an object runs: its slot (for single-slot objects such as monitors and network
/// operations) and its order within the slot.
struct schedule {
    slot when = slot::end;
    int order = 0;
};

}  // namespace brian
