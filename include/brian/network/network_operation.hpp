#pragma once

#include <utility>

#include "brian/detail/pod_io.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/units/quantity.hpp"

namespace brian {

/// A C++ callable run by the network every `dt` in a chosen slot (Brian's
/// `network_operation`): `network_operation op([&](auto t) { ... }, 1_ms, slot::start);`.
/// The callable receives the current time as a quantity.
template <class F>
class network_operation {
  public:
    using time_q = units::quantity<boost::units::si::time>;
    explicit network_operation(F f, time_q dt = time_q::from_value(default_dt), slot when = slot::start)
        : slots(in(when)), f_(std::move(f)), clock_(dt.value()) {}

    int order = 0;
    slot_mask slots;
    brian::clock& clock() { return clock_; }
    void before_run() {}
    void run_slot(slot) { f_(time_q::from_value(clock_.t())); }
    /// In a state file: an operation, of no state but its clock (what the callable keeps
    /// is its own business: brian cannot see it).
    detail::state_signature state_signature() const { return {"network_operation", 0, true}; }

  private:
    F f_;
    brian::clock clock_;
};

}  // namespace brian
