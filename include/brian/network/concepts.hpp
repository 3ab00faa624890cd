#pragma once

#include <concepts>
#include <string>

#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"

namespace brian {

/// What a network runs (groups, synapses and their parts, monitors, operations): the slots
/// it works in and its order within them, its clock, a hook before each run and its work
/// for a slot. Optional: `name()`, `store`/`restore` (its part of a stored state),
/// `contained_objects()` (parts scheduled on their own, Brian's contained objects) and
/// `required_objects()` (groups that must be in the same network).
template <class T>
concept NetworkObject = requires(T& x, slot s) {
    { T::slots } -> std::convertible_to<slot_mask>;
    { x.order } -> std::convertible_to<int>;
    { x.clock() } -> std::same_as<brian::clock&>;
    x.before_run();
    x.run_slot(s);
};

}  // namespace brian
