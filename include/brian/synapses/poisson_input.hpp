#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <istream>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "brian/detail/loop_hints.hpp"
#include "brian/detail/parallel.hpp"
#include "brian/detail/pod_io.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/node.hpp"
#include "brian/groups/subgroup.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/binomial.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
#include "brian/random/stream_key.hpp"
#include "brian/synapses/conditional_write.hpp"
#include "brian/synapses/synapses.hpp"
#include "brian/units/io.hpp"

namespace brian {

/// N independent Poisson sources at `rate` onto the variable `X` of every neuron of a
/// target group (or slice), each source adding `weight` per spike (Brian 2's
/// `PoissonInput(target, 'x', N, rate, weight)`). Instead of N spike trains, each step
/// draws, per target neuron, k ~ Binomial(N, rate·dt) exactly and adds weight·k to x.
/// Runs in the `synapses` slot (Brian's `when='synapses'`) on the target's clock; the
/// draws come from counter-based streams keyed by (seed, object, step, neuron index in
/// the target; or, with the table below, neurons 2p and 2p + 1 sharing stream p), so they
/// are reproducible with `seed(n)` and independent of threads.
/// A target variable flagged `unless_refractory` is not changed while the neuron is
/// refractory (Brian's conditional write on `not_refractory`).
///
///     poisson_input P(G, v, 1000, 10_Hz, 0.1_mV);      // whole group
///     poisson_input Q(G.slice(0, 100), ge, 50, 5_Hz, 1_nS);
template <class Target, class X>
class poisson_input {
  public:
    using target_group = std::remove_cvref_t<decltype(std::declval<detail::synapse_end<Target>>().group())>;
    using weight_unit = expr::unit_of<X>;
    static constexpr slot_mask slots = in(slot::synapses);
    /// Whether the input is ignored during refractoriness (X is `unless_refractory`).
    static constexpr bool conditional_write = detail::clamped_when_refractory<target_group, X>();
    /// Position within the slot, as Brian's `order`.
    int order = 0;

    template <class T, class R, class W>
    poisson_input(T&& target, const X&, std::uint64_t N, const R& rate, const W& weight,
                  std::string name = "poissoninput")
        : tgt_(target), n_(N), name_(std::move(name)), id_(detail::next_object_id()) {
        static_assert(
            requires { typename target_group::layout; },
            "brian: poisson_input needs a target that stores variables (a neuron_group or its slice)");
        static_assert(target_group::layout::template element_slot<X> < target_group::layout::n_per_element,
                      "brian: poisson_input's target variable must be a per-neuron variable (state or parameter) "
                      "that the target group stores (used by its model)");
        set_rate(rate);
        set_weight(weight);
    }

    poisson_input(const poisson_input&) = delete;  // the network holds its address
    poisson_input& operator=(const poisson_input&) = delete;

    /// Changes the rate of each source (between runs).
    template <class R>
    void set_rate(const R& rate) {
        static_assert(std::is_same_v<expr::operand_unit<R>, boost::units::si::frequency>,
                      "brian: poisson_input's rate must be a frequency (e.g. 10_Hz)");
        const double r = expr::as_expr(rate).value;
        if (!(r >= 0.0) || !std::isfinite(r))
            throw std::invalid_argument("brian: poisson_input " + name_ + " got rate " + hz(r) +
                                        "; use a finite rate >= 0");
        rate_ = r;
        prepared_dt_ = -1.0;
    }
    /// Changes the weight of each source spike (between runs).
    template <class W>
    void set_weight(const W& weight) {
        static_assert(std::is_same_v<expr::operand_unit<W>, weight_unit>,
                      "brian: poisson_input's weight must have the unit of the target variable "
                      "(e.g. 0.1_mV for a variable in volt)");
        const double w = expr::as_expr(weight).value;
        if (!std::isfinite(w))
            throw std::invalid_argument("brian: poisson_input " + name_ + " got weight " +
                                        units::format_quantity(w, units::dimension_of<weight_unit>()) +
                                        "; use a finite weight");
        weight_ = w;
    }

    std::uint64_t N() const { return n_; }
    double rate() const { return rate_; }      ///< Hz
    double weight() const { return weight_; }  ///< SI unit of the target variable
    std::size_t size() const { return tgt_.size(); }
    const std::string& name() const { return name_; }
    brian::clock& clock() { return tgt_.clock(); }
    /// The group a network running this input must also run.
    std::array<const void*, 1> required_objects() const { return {&tgt_.group()}; }

    // ---- Simulation protocol, driven by the network ----

    void before_run() { prepare(); }

    void run_slot(slot) {
        prepare();
        auto* const x = tgt_.group().template raw<X>() + tgt_.offset();  // float or double
        const std::size_t m = tgt_.size();
        const auto step = static_cast<std::uint64_t>(clock().step());
        const std::uint64_t seed = current_seed();
        [[maybe_unused]] const std::uint8_t* active = nullptr;
        if constexpr (conditional_write)
            active = tgt_.group().template raw<std::remove_cvref_t<decltype(not_refractory)>>() + tgt_.offset();
        // One binomial draw per neuron, from its own stream: chunks on the network's
        // threads give the same numbers as one loop.
        if (!sampler_.tabulated()) {
            detail::parallel_ranges(m, 30.0, 32768.0, [&](std::size_t lo, std::size_t hi, std::size_t) {
                for (std::size_t i = lo; i < hi; ++i) {
                    if constexpr (conditional_write)
                        if (active[i] == 0) continue;
                    random_stream rng(seed, stream_key(id_, stream_purpose::poisson_input), step, i);
                    x[i] += weight_ * static_cast<double>(sampler_.draw(rng));
                }
            });
            return;
        }
        // Table searches for a block of neurons at a time, each step a vectorised loop:
        // a uniform per neuron (neurons 2p and 2p + 1 take the two of stream p's first
        // Philox block: half the blocks), then for each table entry until none reaches it,
        // the count of uniforms at or above it (the draw, as the sequential search would
        // find it; no unpredictable branch per neuron).
        const std::span<const double> table = sampler_.table();
        // Locals, not members: the stores to x cannot alias them, so they stay in registers.
        const std::uint32_t table_size = static_cast<std::uint32_t>(table.size());
        const double weight = weight_;
        const double k0 = static_cast<double>(sampler_.from_table(0));  // draw = k0 + k_step · count
        const double k_step = sampler_.from_table(1) > sampler_.from_table(0) ? 1.0 : -1.0;
        detail::parallel_ranges(m, 10.0, 32768.0, [&](std::size_t lo, std::size_t hi, std::size_t) {
            auto* const xs = x;
            [[maybe_unused]] const auto* const act = active;
            constexpr std::size_t block = 256;
            double u[block];
            std::uint32_t count[block];
            for (std::size_t b = lo; b < hi; b += block) {  // b is even: chunks start at multiples of 8
                const std::size_t size = std::min(hi - b, block);
                for (std::size_t q = 0; q < (size + 1) / 2; ++q) {  // u[size] of an odd last block is unused
                    const auto pair = random_stream::first_two_uniforms(
                        seed, stream_key(id_, stream_purpose::poisson_input), step, b / 2 + q);
                    u[2 * q] = pair[0];
                    u[2 * q + 1] = pair[1];
                }
                for (std::size_t j = 0; j < size; ++j) count[j] = 0;
                for (const double edge : table) {
                    std::uint32_t any = 0;
                    for (std::size_t j = 0; j < size; ++j) {
                        const std::uint32_t above = u[j] >= edge;
                        count[j] += above;
                        any |= above;
                    }
                    if (any == 0) break;
                }
                std::uint32_t beyond = 0;  // a uniform above the whole table: below 2^-53
                for (std::size_t j = 0; j < size; ++j) beyond |= count[j] == table_size;
                if (beyond == 0) {
                    // A refractory neuron gets x + -0.0, which is x exactly: a select, no branch.
                    BRIAN_IVDEP
                    for (std::size_t j = 0; j < size; ++j) {
                        double add = weight * (k0 + k_step * static_cast<double>(count[j]));
                        if constexpr (conditional_write) add = detail::select(act[b + j] != 0, add, -0.0);
                        xs[b + j] += add;
                    }
                    continue;
                }
                for (std::size_t j = 0; j < size; ++j) {
                    const std::size_t i = b + j;
                    if constexpr (conditional_write)
                        if (active[i] == 0) continue;
                    std::uint64_t k = sampler_.from_table(count[j]);
                    if (count[j] == table.size()) {  // beyond the table (below 2^-53): a draw of
                        random_stream rng(seed, stream_key(id_, stream_purpose::poisson_input), step,
                                          m + i);  // its own, from a stream no pair uses
                        k = sampler_.draw(rng);
                    }
                    x[i] += weight_ * static_cast<double>(k);
                }
            }
        });
    }

    /// In a state file: a Poisson input, sized by its target, with an empty section.
    detail::state_signature state_signature() const { return {"poisson_input", tgt_.size(), true}; }
    // Nothing in flight: the draws are a function of (seed, object, step, neuron). The rate
    // and weight are settings, as in Brian 2 (constants of the object), not state.
    void store(std::ostream&) const {}
    void restore(std::istream&) {}

  private:
    static std::string hz(double r) {
        return units::format_quantity(r, units::dimension_of<boost::units::si::frequency>());
    }

    void prepare() {
        const double dt = clock().dt();
        if (dt == prepared_dt_) return;
        const double p = rate_ * dt;
        if (p > 1.0) {
            char text[32];
            std::snprintf(text, sizeof text, "%.6g", p);
            throw std::invalid_argument(
                "brian: poisson_input " + name_ + ": rate * dt = " + text + " > 1 (rate " + hz(rate_) +
                ", dt = " + units::format_quantity(dt, units::dimension_of<boost::units::si::time>()) +
                "); use a rate <= 1/dt = " + hz(1.0 / dt) + " or a smaller dt");
        }
        sampler_.prepare(n_, p);
        prepared_dt_ = dt;
    }

    detail::synapse_end<Target> tgt_;
    std::uint64_t n_;
    double rate_ = 0.0, weight_ = 0.0;
    std::string name_;
    std::uint32_t id_;
    detail::binomial_sampler sampler_;
    double prepared_dt_ = -1.0;
};

template <class T, class X, class R, class W>
poisson_input(T&&, const X&, std::uint64_t, const R&, const W&, std::string = {})
    -> poisson_input<std::remove_cvref_t<T>, X>;

}  // namespace brian
