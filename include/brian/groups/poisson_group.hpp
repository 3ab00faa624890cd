#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/builtins.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"
#include "brian/groups/spike_source.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
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
/// when rand() < rate·dt. The rate is a constant (`15_Hz`), one value per neuron, or an
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
        : rate_(expr::as_expr(rate)), n_(n), name_(std::move(name)), id_(detail::next_object_id()) {}

    /// One rate per neuron, in `u` (`poisson_group P(3, std::vector{5.0, 10.0, 20.0}, Hz)`).
    template <class Range, class U>
    poisson_group(std::size_t n, const Range& rates, const U& u, std::string name = "poissongroup")
        : n_(n), name_(std::move(name)), id_(detail::next_object_id()) {
        for (const auto& r : rates) rates_.push_back(static_cast<double>(r) * expr::as_expr(u).value);
        if (rates_.size() != n)
            throw std::invalid_argument("brian: poisson_group of " + std::to_string(n) + " neurons got " +
                                        std::to_string(rates_.size()) + " rates; give one rate per neuron");
    }

    std::size_t size() const { return n_; }
    const std::string& name() const { return name_; }
    brian::clock& clock() { return clock_; }
    void set_dt(units::quantity<boost::units::si::time> dt) { clock_.set_dt(dt.value()); }
    int order = 0;

    spike_view spikes() const { return {spikes_, 0}; }
    const std::vector<std::int32_t>& spike_indices() const { return spikes_; }

    void before_run() {}
    void run_slot(slot) {
        spikes_.clear();
        const double t = clock_.t(), dt = clock_.dt();
        const auto step = static_cast<std::uint64_t>(clock_.step());
        // A rate that is the same for all neurons (a constant, or a function of t) is
        // evaluated once per step.
        constexpr bool shared_rate = expr::element_independent<Rate>;
        [[maybe_unused]] double p_all = 0.0;
        if constexpr (shared_rate) {
            detail::poisson_context ctx{rates_.data(), 0, n_, t, dt, nullptr};
            p_all = rate_.eval(ctx) * dt;
        }
        const std::uint64_t seed = current_seed();
        for (std::size_t i = 0; i < n_; ++i) {
            random_stream rng(seed, id_, step, i);
            double p = p_all;
            if constexpr (!shared_rate) {
                detail::poisson_context ctx{rates_.data(), i, n_, t, dt, &rng};
                p = rate_.eval(ctx) * dt;
            }
            if (rng.uniform() < p) spikes_.push_back(static_cast<std::int32_t>(i));
        }
    }

    void store(std::ostream&) const {}
    void restore(std::istream&) { spikes_.clear(); }

  private:
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
poisson_group(std::size_t, const Range&, const U&, std::string = {})
    -> poisson_group<std::remove_cvref_t<decltype(detail::poisson_rates)>>;

}  // namespace brian
