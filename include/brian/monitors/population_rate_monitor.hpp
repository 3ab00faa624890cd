#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <istream>
#include <numbers>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "brian/detail/pod_io.hpp"
#include "brian/monitors/spike_monitor.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/units/quantity.hpp"

namespace brian {

/// The window shapes of `smooth_rate`, as Brian's `window='gaussian'` / `'flat'`.
enum class window { gaussian, flat };

/// The population rate of a group, per step (Brian's `PopulationRateMonitor`): the
/// fraction of neurons that spiked, divided by dt. Runs in the `end` slot.
template <class Source>
class population_rate_monitor {
  public:
    static constexpr slot_mask slots = in(slot::end);

    explicit population_rate_monitor(Source& source) : source_(&source) {}

    int order = 0;
    brian::clock& clock() { return source_->clock(); }

    void before_run() {}
    void run_slot(slot) {
        const auto spikes = source_->spikes();
        const double dt = source_->clock().dt();
        rate_.push_back(static_cast<double>(spikes.indices.size()) / (static_cast<double>(source_->size()) * dt));
        steps_.push_back(source_->clock().step());
        dt_ = dt;
    }

    /// Times of the rate samples (s).
    xt::xtensor<double, 1> t() const {
        xt::xtensor<double, 1> out = xt::zeros<double>({steps_.size()});
        for (std::size_t k = 0; k < steps_.size(); ++k) out(k) = static_cast<double>(steps_[k]) * dt_;
        return out;
    }
    /// The rate per step, in Hz.
    xt::xtensor<double, 1> rate() const {
        xt::xtensor<double, 1> out = xt::zeros<double>({rate_.size()});
        for (std::size_t k = 0; k < rate_.size(); ++k) out(k) = rate_[k];
        return out;
    }

    /// The rate smoothed with a window of the given width (Hz), exactly as Brian's
    /// `smooth_rate`: `gaussian` has standard deviation `width` and spans ±2 widths, `flat` is
    /// a box of the odd number of steps nearest below `width`; a same-size convolution.
    xt::xtensor<double, 1> smooth_rate(window shape, units::quantity<boost::units::si::time> width) const {
        const double w = width.value() / dt_;
        if (!(w > 0.0)) throw std::invalid_argument("brian: smooth_rate needs a positive width");
        std::vector<double> kernel;
        if (shape == window::gaussian) {
            const auto half = static_cast<std::int64_t>(std::round(2 * w));
            for (std::int64_t k = -half; k <= half; ++k) kernel.push_back(std::exp(-0.5 * (k / w) * (k / w)));
        } else {
            const auto len = static_cast<std::int64_t>(w / 2) * 2 + 1;  // odd: centred
            kernel.assign(static_cast<std::size_t>(len), 1.0);
        }
        double sum = 0;
        for (double k : kernel) sum += k;
        for (double& k : kernel) k /= sum;
        const auto n = static_cast<std::int64_t>(rate_.size()), half = static_cast<std::int64_t>(kernel.size() / 2);
        xt::xtensor<double, 1> out = xt::zeros<double>({rate_.size()});
        for (std::int64_t s = 0; s < n; ++s) {
            double acc = 0;
            for (std::int64_t k = 0; k < static_cast<std::int64_t>(kernel.size()); ++k) {
                const std::int64_t j = s + k - half;
                if (j >= 0 && j < n) acc += kernel[static_cast<std::size_t>(k)] * rate_[static_cast<std::size_t>(j)];
            }
            out(s) = acc;
        }
        return out;
    }

    /// In a state file: a population rate monitor, sized by its source.
    detail::state_signature state_signature() const { return {"population_rate_monitor", source_->size(), false}; }
    /// The recorded rates (so that a state file restores them into a new monitor too).
    void store(std::ostream& out) const {
        detail::write_pod_vector(out, rate_);
        detail::write_pod_vector(out, steps_);
        detail::write_pod(out, dt_);
    }
    /// Reads what `store` wrote: all of it or, with a `brian:` error, none (rates and
    /// times of different lengths, steps < 0, an invalid dt).
    void restore(std::istream& in) {
        std::vector<double> rate;
        std::vector<std::int64_t> steps;
        detail::read_pod_vector(in, rate);
        detail::read_pod_vector(in, steps);
        const auto dt = detail::read_pod<double>(in);
        const auto fail = [](const std::string& what) {
            throw detail::state_error("the stored recording of a population_rate_monitor " + what);
        };
        if (!in) fail("is truncated");
        if (rate.size() != steps.size()) fail("has rates and times of different lengths");
        if (std::any_of(steps.begin(), steps.end(), [](std::int64_t s) { return s < 0; })) fail("has a negative step");
        if (!(dt > 0.0) || !std::isfinite(dt)) fail("has an invalid dt");
        rate_ = std::move(rate);
        steps_ = std::move(steps);
        dt_ = dt;
    }

  private:
    Source* source_;
    std::vector<double> rate_;
    std::vector<std::int64_t> steps_;
    double dt_ = default_dt;
};

}  // namespace brian
