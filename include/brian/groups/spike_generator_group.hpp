#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <istream>
#include <numeric>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/detail/pod_io.hpp"
#include "brian/expr/constant.hpp"
#include "brian/groups/spike_source.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
#include "brian/random/stream_key.hpp"
#include "brian/units/io.hpp"

namespace brian {

/// Neurons that spike at given times (Brian's `SpikeGeneratorGroup`): neuron
/// `indices[k]` spikes at `times[k]`, optionally repeated every `period`. A time falls in
/// the step floor(t/dt + 0.001), as in Brian; two spikes of one neuron in one step are an
/// error. Runs in the `thresholds` slot.
class spike_generator_group {
  public:
    using time_q = units::quantity<boost::units::si::time>;
    static constexpr slot_mask slots = in(slot::thresholds);

    /// `times` are plain numbers in `unit`: `spike_generator_group G(2, {0, 1}, {1.0, 2.5}, ms)`.
    template <class U>
    spike_generator_group(std::size_t n, std::vector<std::int32_t> indices, std::vector<double> times, const U& unit,
                          time_q period = time_q::from_value(0.0), std::string name = "spikegeneratorgroup")
        : n_(n), name_(std::move(name)) {
        const double scale = expr::as_expr(unit).value;
        for (double& t : times) t *= scale;
        set_spikes(std::move(indices), std::move(times), period);
    }

    /// Replaces the spikes (between runs), as Brian's `set_spikes`.
    void set_spikes(std::vector<std::int32_t> indices, std::vector<double> times_si, time_q period) {
        if (indices.size() != times_si.size())
            throw std::invalid_argument("brian: spike_generator_group got " + std::to_string(indices.size()) +
                                        " indices but " + std::to_string(times_si.size()) +
                                        " times; give one time per index");
        if (period.value() < 0)
            throw std::invalid_argument("brian: the period of a spike_generator_group cannot be negative");
        if (!std::isfinite(period.value()))
            throw std::invalid_argument("brian: spike_generator_group " + name_ + " got the period " +
                                        units::to_string(period) + "; a period must be a finite time >= 0 (0: none)");
        for (std::size_t k = 0; k < indices.size(); ++k) {
            if (indices[k] < 0 || static_cast<std::size_t>(indices[k]) >= n_)
                throw std::out_of_range("brian: spike_generator_group index " + std::to_string(indices[k]) +
                                        " is out of range; indices must lie in [0, " + std::to_string(n_) + ")");
            if (!std::isfinite(times_si[k]))
                throw std::invalid_argument("brian: spike_generator_group " + name_ + ": spike " + std::to_string(k) +
                                            " (neuron " + std::to_string(indices[k]) + ") is at " +
                                            units::to_string(time_q::from_value(times_si[k])) +
                                            "; spike times must be finite times >= 0");
            if (times_si[k] < 0)
                throw std::invalid_argument("brian: spike_generator_group times cannot be negative, got " +
                                            units::to_string(time_q::from_value(times_si[k])));
            if (period.value() > 0 && times_si[k] >= period.value())
                throw std::invalid_argument("brian: every spike time must be shorter than the period (" +
                                            units::to_string(period) + "), got " +
                                            units::to_string(time_q::from_value(times_si[k])));
        }
        std::vector<std::size_t> order(indices.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
            return times_si[a] != times_si[b] ? times_si[a] < times_si[b] : indices[a] < indices[b];
        });
        indices_.clear();
        times_.clear();
        for (auto k : order) indices_.push_back(indices[k]), times_.push_back(times_si[k]);
        period_ = period.value();
        prepared_dt_ = -1.0;
        changed_ = true;
    }

    std::size_t size() const { return n_; }
    const std::string& name() const { return name_; }
    brian::clock& clock() { return clock_; }
    void set_dt(time_q dt) { clock_.set_dt(dt.value()); }
    int order = 0;

    spike_view spikes() const { return {spikes_, 0}; }
    const std::vector<std::int32_t>& spike_indices() const { return spikes_; }

    void before_run() {
        const double dt = clock_.dt();
        if (period_ > 0 && period_ < dt)
            throw std::invalid_argument("brian: the period of " + name_ + " (" +
                                        units::to_string(time_q::from_value(period_)) + ") is shorter than its dt");
        if (dt != prepared_dt_ || changed_) {
            // Steps are 64-bit: a time (sorted: the last) or period beyond 2^62 steps is an error.
            const double last = std::max(times_.empty() ? 0.0 : times_.back(), period_);
            if (!(last / dt < max_steps)) {
                char steps[32];
                std::snprintf(steps, sizeof steps, "%.3g", last / dt);
                throw std::invalid_argument("brian: " + name_ + ": the spike time or period " +
                                            units::to_string(time_q::from_value(last)) + " is " + steps +
                                            " steps of dt = " + units::to_string(time_q::from_value(dt)) +
                                            ", beyond the 2^62 steps a clock can count; use shorter times");
            }
            bins_.resize(times_.size());
            for (std::size_t k = 0; k < times_.size(); ++k) bins_[k] = clock::steps_for(times_[k], dt);
            // Within a step the spikes are ordered by time, not index: a neuron's two spikes
            // need not be adjacent, so look at each step's indices sorted.
            std::vector<std::int32_t> in_step;
            for (std::size_t a = 0, b = 0; a < bins_.size(); a = b) {
                while (b < bins_.size() && bins_[b] == bins_[a]) ++b;
                in_step.assign(indices_.begin() + static_cast<std::ptrdiff_t>(a),
                               indices_.begin() + static_cast<std::ptrdiff_t>(b));
                std::sort(in_step.begin(), in_step.end());
                const auto twice = std::adjacent_find(in_step.begin(), in_step.end());
                if (twice != in_step.end())
                    throw std::invalid_argument(
                        "brian: with dt = " + units::to_string(time_q::from_value(dt)) + ", neuron " +
                        std::to_string(*twice) + " of " + name_ +
                        " spikes more than once in one time step; use a smaller dt or merge the spikes");
            }
            period_bins_ = period_ > 0 ? static_cast<std::int64_t>(std::round(period_ / dt)) : 0;
            if (period_bins_ > 0 && std::abs(static_cast<double>(period_bins_) * dt - period_) > period_ * 1e-12)
                throw std::invalid_argument("brian: the period of " + name_ + " must be a multiple of dt");
            prepared_dt_ = dt;
        }
        if (changed_) {
            // Spikes before the current time are skipped, as in Brian.
            const std::int64_t now = clock_.step();
            next_ = static_cast<std::size_t>(std::lower_bound(bins_.begin(), bins_.end(), now) - bins_.begin());
            changed_ = false;
        }
    }

    void run_slot(slot) {
        spikes_.clear();
        std::int64_t bin = clock_.step();
        if (period_bins_ > 0) {
            bin %= period_bins_;
            if (next_ > 0 && bins_[next_ - 1] >= bin) next_ = 0;  // a new period began
        }
        while (next_ < bins_.size() && bins_[next_] <= bin) spikes_.push_back(indices_[next_++]);
        std::sort(spikes_.begin(), spikes_.end());
    }

    /// In a state file: a spike generator and its size (its section holds its spikes).
    detail::state_signature state_signature() const { return {"spike_generator_group", n_, false}; }
    /// The spikes (as `set_spikes` left them, sorted), the period, the position of the
    /// next spike and whether the spikes changed since the last run.
    void store(std::ostream& out) const {
        detail::write_pod_vector(out, indices_);
        detail::write_pod_vector(out, times_);
        detail::write_pod(out, period_);
        detail::write_pod(out, static_cast<std::uint64_t>(next_));
        detail::write_pod(out, static_cast<std::uint8_t>(changed_));
    }
    /// Reads what `store` wrote; spikes that `set_spikes` would reject, spikes out of
    /// order or a position past them are a `brian:` error, the group unchanged.
    void restore(std::istream& in) {
        std::vector<std::int32_t> indices;
        std::vector<double> times;
        detail::read_pod_vector(in, indices);
        detail::read_pod_vector(in, times);
        const auto period = detail::read_pod<double>(in);
        const auto next = detail::read_pod<std::uint64_t>(in);
        const auto changed = detail::read_pod<std::uint8_t>(in);
        const auto fail = [&](const std::string& what) {
            throw detail::state_error("the stored state of spike generator " + name_ + " " + what);
        };
        if (!in) fail("is truncated");
        if (indices.size() != times.size())
            fail("has " + std::to_string(indices.size()) + " indices but " + std::to_string(times.size()) + " times");
        const auto not_finite = [](double t) { return !std::isfinite(t); };
        if (not_finite(period) || std::any_of(times.begin(), times.end(), not_finite))
            fail("has a time that is not finite");
        for (std::size_t k = 1; k < times.size(); ++k)
            if (times[k] < times[k - 1] || (times[k] == times[k - 1] && indices[k] < indices[k - 1]))
                fail("has spikes out of order");
        if (next > times.size() || changed > 1) fail("is corrupt");
        try {
            set_spikes(std::move(indices), std::move(times), time_q::from_value(period));
        } catch (const std::exception& e) {
            fail(std::string("has spikes that set_spikes rejects (") + e.what() + ")");
        }
        next_ = static_cast<std::size_t>(next);
        changed_ = changed != 0;
        spikes_.clear();
    }

  private:
    static constexpr double max_steps = 4611686018427387904.0;  // 2^62
    std::size_t n_;
    std::string name_;
    std::vector<std::int32_t> indices_;
    std::vector<double> times_;
    std::vector<std::int64_t> bins_;
    double period_ = 0.0, prepared_dt_ = -1.0;
    std::int64_t period_bins_ = 0;
    std::size_t next_ = 0;
    bool changed_ = true;
    std::vector<std::int32_t> spikes_;
    brian::clock clock_;
};

/// A pulse packet (Brian 1's `PulsePacket(t, n, sigma)`): `n` neurons that spike once
/// each, at times drawn from a normal distribution of mean `t` and standard deviation
/// `sigma` (a draw before 0 fires at 0). The draws come from the seeded counter-based
/// stream of a new object number, so `seed(k)` and the same program give the same packet:
/// `auto packet = pulse_packet(20_ms, 50, 2_ms);`.
inline spike_generator_group pulse_packet(units::quantity<boost::units::si::time> t, std::size_t n,
                                          units::quantity<boost::units::si::time> sigma,
                                          std::string name = "pulsepacket") {
    if (!std::isfinite(t.value()) || !(sigma.value() >= 0.0) || !std::isfinite(sigma.value()))
        throw std::invalid_argument("brian: pulse_packet(t, n, sigma) needs a finite t and sigma >= 0, got t = " +
                                    units::to_string(t) + ", sigma = " + units::to_string(sigma));
    const std::uint32_t object = detail::next_object_id();
    std::vector<std::int32_t> indices(n);
    std::vector<double> times(n);
    for (std::size_t k = 0; k < n; ++k) {
        random_stream rng(current_seed(), stream_key(object, stream_purpose::pulse_packet), 0, k);
        indices[k] = static_cast<std::int32_t>(k);
        times[k] = std::max(0.0, t.value() + sigma.value() * rng.normal());
    }
    return spike_generator_group(n, std::move(indices), std::move(times), units::second,
                                 units::quantity<boost::units::si::time>::from_value(0.0), std::move(name));
}

}  // namespace brian
