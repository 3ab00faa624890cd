#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <istream>
#include <iterator>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/detail/pod_io.hpp"
#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/builtins.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"
#include "brian/groups/spike_source.hpp"
#include "brian/groups/timed_array.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
#include "brian/random/stream_key.hpp"
#include "brian/units/io.hpp"

namespace brian {

namespace detail {
/// The rate of a neuron of a Poisson group: its index, N, t, and per-neuron rates.
struct poisson_context {
    const double* rates;
    std::size_t i, n;
    double time, step;
    random_stream* rng;
    template <class X>
    double get(const X&) const {
        return rates[i];
    }
    double t() const { return time; }
    double dt() const { return step; }
    std::size_t index() const { return i; }
    std::size_t size() const { return n; }
    double uniform() const { return rng->uniform(); }
    double normal() const { return rng->normal(); }
};
/// The `rates` symbol of a Poisson group built from per-neuron values.
inline constexpr expr::parameter<"rates", units::hertz> poisson_rates{};
}  // namespace detail

/// N independent Poisson spike trains (Brian's `PoissonGroup`): neuron i spikes in a step
/// with probability rate·dt, independently of other steps (for constant rates drawn ahead
/// as geometric gaps between spikes, see `constant_rates`). The rate is a constant (`15_Hz`), one value per neuron, or an
/// expression of `t` and `i` (`(1 + sin(2 * pi * 5_Hz * t)) * 20_Hz`), evaluated at the
/// start of the step. Runs in the `thresholds` slot.
template <class Rate>
class poisson_group {
  public:
    static constexpr slot_mask slots = in(slot::thresholds);

    /// Rates given as an expression or a quantity.
    template <class R>
        requires std::is_same_v<expr::operand_unit<R>, boost::units::si::frequency>
    poisson_group(std::size_t n, const R& rate, std::string name = "poissongroup")
        : rate_(expr::as_expr(rate)), n_(n), name_(std::move(name)), id_(detail::next_object_id()) {
        // A constant is checked now; rates of t, i or dt when they are known (before_run, each step).
        if constexpr (expr::run_constant<Rate> && !expr::depends_on<Rate, expr::builtin::dt_t>) {
            const double r = rate_of(0);
            if (!(r >= 0.0) || !std::isfinite(r)) rate_error(r, 0.0, n_, -1.0);
        }
    }

    /// One rate per neuron, in `u` (`poisson_group P(3, std::vector{5.0, 10.0, 20.0}, Hz)`).
    template <class Range, class U>
        requires requires(const Range& r) { std::begin(r) != std::end(r); }
    poisson_group(std::size_t n, const Range& rates, const U& u, std::string name = "poissongroup")
        : n_(n), name_(std::move(name)), id_(detail::next_object_id()) {
        for (const auto& r : rates) rates_.push_back(static_cast<double>(r) * expr::as_expr(u).value);
        if (rates_.size() != n)
            throw std::invalid_argument("brian: poisson_group of " + std::to_string(n) + " neurons got " +
                                        std::to_string(rates_.size()) + " rates; give one rate per neuron");
        for (std::size_t i = 0; i < n; ++i)
            if (!(rates_[i] >= 0.0) || !std::isfinite(rates_[i])) rate_error(rates_[i], 0.0, i, -1.0);
    }

    std::size_t size() const { return n_; }
    const std::string& name() const { return name_; }
    brian::clock& clock() { return clock_; }
    void set_dt(units::quantity<boost::units::si::time> dt) { clock_.set_dt(dt.value()); }
    int order = 0;

    spike_view spikes() const { return {spikes_, 0}; }
    const std::vector<std::int32_t>& spike_indices() const { return spikes_; }

    /// Checks the rates that are fixed for the run against dt (once per dt: they cannot
    /// change), and the columns of 2-D timed arrays the rate reads by neuron index.
    void before_run() {
        if constexpr (constant_rates) {
            const double dt = clock_.dt();
            if (dt != checked_dt_) {
                const std::size_t count = expr::element_independent<Rate> ? std::min<std::size_t>(n_, 1) : n_;
                for (std::size_t i = 0; i < count; ++i) {
                    const double r = rate_of(i);
                    if (!(r * dt >= 0.0 && r * dt <= max_probability))
                        rate_error(r, dt, expr::element_independent<Rate> ? n_ : i, -1.0);
                }
                checked_dt_ = dt;
            }
        }
        detail::check_timed_array_columns(rate_, n_, "poisson_group " + name_);
    }
    void run_slot(slot) {
        spikes_.clear();
        if constexpr (constant_rates) run_skip_ahead();
        else run_per_step();
    }

    /// In a state file: a Poisson group and its size (its section is empty before the
    /// first run of a constant-rate group).
    detail::state_signature state_signature() const { return {"poisson_group", n_, false}; }
    // A constant-rate group keeps each neuron's next spike step (drawn ahead) and the count
    // of gaps drawn (its streams' counter); the others keep nothing between steps.
    void store(std::ostream& out) const {
        detail::write_pod_vector(out, next_);
        detail::write_pod_vector(out, drawn_);
        detail::write_pod(out, scheduled_dt_);
    }
    /// Reads what `store` wrote: one next step and count per neuron, or none (not yet
    /// run), steps >= 0 and the dt they were drawn for; else a `brian:` error, the group
    /// unchanged.
    void restore(std::istream& in) {
        std::vector<std::int64_t> next;
        std::vector<std::uint64_t> drawn;
        detail::read_pod_vector(in, next);
        detail::read_pod_vector(in, drawn);
        const auto scheduled_dt = detail::read_pod<double>(in);
        const auto fail = [&](const std::string& what) {
            throw detail::state_error("the stored state of Poisson group " + name_ + " " + what);
        };
        if (!in) fail("is truncated");
        if (next.size() != drawn.size() || (!next.empty() && next.size() != n_))
            fail("holds the schedule of " + std::to_string(next.size()) + " neurons, not " + std::to_string(n_));
        if (std::any_of(next.begin(), next.end(), [](std::int64_t s) { return s < 0; }))
            fail("has a negative spike step");
        if (scheduled_dt != -1.0 && (!(scheduled_dt > 0.0) || !std::isfinite(scheduled_dt))) fail("has an invalid dt");
        next_ = std::move(next);
        drawn_ = std::move(drawn);
        scheduled_dt_ = scheduled_dt;
        rebuild_calendar();
        spikes_.clear();
    }

  private:
    /// Rates fixed for the run (a constant, or one value per neuron): spikes are drawn
    /// ahead, each inter-spike gap in steps from the geometric distribution with p =
    /// rate·dt — the same process as one Bernoulli(p) trial per step, at one draw per
    /// spike instead of one per neuron and step (15 Hz at dt = 0.1 ms: 667 times fewer).
    static constexpr bool constant_rates = expr::run_constant<Rate> ||
                                           std::is_same_v<Rate, std::remove_cvref_t<decltype(detail::poisson_rates)>>;

    /// Brian's PoissonGroup: one uniform per neuron and step (rates that vary in time).
    void run_per_step() {
        const double t = clock_.t(), dt = clock_.dt();
        const auto step = static_cast<std::uint64_t>(clock_.step());
        // A rate that is the same for all neurons (a function of t) is evaluated once per step.
        constexpr bool shared_rate = expr::element_independent<Rate>;
        [[maybe_unused]] double p_all = 0.0;
        if constexpr (shared_rate) {
            detail::poisson_context ctx{rates_.data(), 0, n_, t, dt, nullptr};
            p_all = rate_.eval(ctx) * dt;
            if (!(p_all >= 0.0 && p_all <= max_probability)) rate_error(p_all / dt, dt, n_, t);
        }
        const std::uint64_t seed = current_seed();
        std::size_t bad = n_;  // the first neuron with an invalid rate: one compare per neuron
        for (std::size_t i = 0; i < n_; ++i) {
            random_stream rng(seed, stream_key(id_, stream_purpose::poisson), step, i);
            double p = p_all;
            if constexpr (!shared_rate) {
                detail::poisson_context ctx{rates_.data(), i, n_, t, dt, &rng};
                p = rate_.eval(ctx) * dt;
                if (!(p >= 0.0 && p <= max_probability) && bad == n_) bad = i;
            }
            if (rng.uniform() < p) spikes_.push_back(static_cast<std::int32_t>(i));
        }
        if (bad != n_) {  // its rate again, from the same stream, for the message
            random_stream rng(seed, stream_key(id_, stream_purpose::poisson), step, bad);
            detail::poisson_context ctx{rates_.data(), bad, n_, t, dt, &rng};
            rate_error(rate_.eval(ctx), dt, bad, t);
        }
    }

    /// rate·dt may exceed 1 by rounding only (a rate of exactly 1/dt spikes every step).
    static constexpr double max_probability = 1.0 + 1e-9;

    double rate_of(std::size_t i) const {
        detail::poisson_context ctx{rates_.data(), i, n_, 0.0, clock_.dt(), nullptr};
        return rate_.eval(ctx);
    }
    /// The error for `rate` (Hz): negative or not finite, or above 1/dt (`dt` > 0). Names
    /// neuron `i` (none if i == n) and the time `t` (none if t < 0).
    [[noreturn]] void rate_error(double rate, double dt, std::size_t i, double t) const {
        auto hz = [](double x) {
            return units::format_quantity(x, units::dimension_of<boost::units::si::frequency>());
        };
        auto sec = [](double x) { return units::format_quantity(x, units::dimension_of<boost::units::si::time>()); };
        std::string what = "the rate";
        if (i < n_) what += " of neuron " + std::to_string(i);
        if (t >= 0.0) what += " at t = " + sec(t);
        if (!(rate >= 0.0) || !std::isfinite(rate))
            throw std::invalid_argument("brian: " + name_ + ": " + what + " is " + hz(rate) +
                                        "; a Poisson rate must be finite and >= 0");
        char p[32];
        std::snprintf(p, sizeof p, "%.6g", rate * dt);
        throw std::invalid_argument("brian: " + name_ + ": rate * dt = " + p + " > 1 (" + what + " is " + hz(rate) +
                                    ", dt = " + sec(dt) +
                                    "); a neuron spikes at most once per step: use a rate <= 1/dt = " + hz(1.0 / dt) +
                                    " or a smaller dt (set_dt)");
    }

    double probability_of(std::size_t i) const { return rate_of(i) * clock_.dt(); }
    /// The step of neuron i's next spike after step `after`: its `drawn_[i]`-th gap, from
    /// the stream (seed, object, 2^47 + gap count, i), so independent of everything else.
    std::int64_t next_after(std::size_t i, std::int64_t after) {
        const double p = probability_of(i);
        if (!(p > 0.0)) return std::numeric_limits<std::int64_t>::max();
        random_stream rng(current_seed(), stream_key(id_, stream_purpose::poisson),
                          (std::uint64_t{1} << 47) + drawn_[i]++, i);
        if (p >= 1.0) return after + 1;
        const double gap = 1.0 + std::floor(std::log1p(-rng.uniform()) / std::log1p(-p));
        return gap > 4e18 ? std::numeric_limits<std::int64_t>::max() : after + static_cast<std::int64_t>(gap);
    }

    void run_skip_ahead() {
        const std::int64_t now = clock_.step();
        if (clock_.dt() != scheduled_dt_ || next_.size() != n_) {  // first run, or dt changed
            next_.assign(n_, 0);
            drawn_.resize(n_, 0);
            for (std::size_t i = 0; i < n_; ++i) next_[i] = next_after(i, now - 1);
            scheduled_dt_ = clock_.dt();
            rebuild_calendar();
        }
        // A calendar of `calendar_size` buckets by step: a neuron waits in the bucket of its
        // next spike step (modulo the size) and is looked at only when that bucket comes up.
        auto& bucket = calendar_[static_cast<std::size_t>(now) % calendar_size];
        std::size_t keep = 0;
        for (std::int32_t i : bucket) {
            const auto k = static_cast<std::size_t>(i);
            if (next_[k] == now) spikes_.push_back(i);
            else bucket[keep++] = i;  // a later round of the calendar
        }
        bucket.resize(keep);
        std::sort(spikes_.begin(), spikes_.end());  // index order, as the per-step scan
        for (std::int32_t i : spikes_) {
            const auto k = static_cast<std::size_t>(i);
            next_[k] = next_after(k, now);
            if (next_[k] != std::numeric_limits<std::int64_t>::max())
                calendar_[static_cast<std::size_t>(next_[k]) % calendar_size].push_back(i);
        }
    }
    void rebuild_calendar() {
        calendar_.assign(calendar_size, {});
        for (std::size_t i = 0; i < next_.size(); ++i)
            if (next_[i] != std::numeric_limits<std::int64_t>::max())
                calendar_[static_cast<std::size_t>(next_[i]) % calendar_size].push_back(static_cast<std::int32_t>(i));
    }

    static constexpr std::size_t calendar_size = 1024;
    std::vector<std::int64_t> next_;    // next spike step per neuron (constant rates)
    std::vector<std::uint64_t> drawn_;  // gaps drawn per neuron (the streams' counter)
    std::vector<std::vector<std::int32_t>> calendar_;
    double scheduled_dt_ = -1.0;
    double checked_dt_ = -1.0;  // the dt the fixed rates were checked against
    Rate rate_{};
    std::vector<double> rates_;
    std::size_t n_;
    std::string name_;
    std::uint32_t id_;
    std::vector<std::int32_t> spikes_;
    brian::clock clock_;
};

template <class R>
    requires std::is_same_v<expr::operand_unit<R>, boost::units::si::frequency>
poisson_group(std::size_t, const R&, std::string = {}) -> poisson_group<expr::expr_t<R>>;
template <class Range, class U>
    requires requires(const Range& r) { std::begin(r) != std::end(r); }
poisson_group(std::size_t, const Range&, const U&, std::string = {})
    -> poisson_group<std::remove_cvref_t<decltype(detail::poisson_rates)>>;

}  // namespace brian
