#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "brian/units/io.hpp"

namespace brian {

/// The default time step, as Brian 2's `defaultclock.dt`.
inline constexpr double default_dt = 1e-4;

/// An object's clock: its time step and the integer index of its current step, so time is
/// t = step·dt without accumulated rounding (Brian's `Clock`).
class clock {
  public:
    explicit clock(double dt = default_dt) { set_dt(dt); }

    double dt() const { return dt_; }
    std::int64_t step() const { return step_; }
    double t() const { return static_cast<double>(step_) * dt_; }

    /// Changes dt (between runs); time continues from the current t.
    void set_dt(double dt) {
        if (!(dt > 0.0) || !std::isfinite(dt))
            throw std::invalid_argument("brian: dt must be a positive time, got " +
                                        units::format_quantity(dt, units::dimension_of<boost::units::si::time>()) +
                                        "; set it with e.g. set_dt(0.1_ms)");
        if (dt != dt_ && step_ != 0) step_ = steps_for(t(), dt);
        dt_ = dt;
    }
    void set_step(std::int64_t step) { step_ = step; }
    void advance() { ++step_; }

    /// Brian's `timestep(t, dt)`: the step containing t, robust to rounding at multiples.
    static std::int64_t steps_for(double t, double dt) { return static_cast<std::int64_t>((t + 1e-3 * dt) / dt); }

  private:
    double dt_ = default_dt;
    std::int64_t step_ = 0;
};

}  // namespace brian
