#pragma once

#include <stdexcept>
#include <type_traits>

#include "brian/equations/equations.hpp"
#include "brian/expr/arithmetic.hpp"
#include "brian/expr/builtins.hpp"
#include "brian/expr/functions.hpp"
#include "brian/expr/symbol.hpp"
#include "brian/integrators/method.hpp"
#include "brian/synapses/pathway.hpp"
#include "brian/synapses/summed.hpp"
#include "brian/synapses/synapse_model.hpp"
#include "brian/synapses/synaptic_code.hpp"
#include "brian/units/prefixes.hpp"
#include "brian/units/quantity.hpp"

namespace brian::library {

/// The NMDA gating variable of a synapse (per synapse, dimensionless, 0 <= s < 1):
/// `S[library::nmda_s]`, `state_monitor M(S, record(library::nmda_s))`.
inline constexpr expr::state<"s_nmda", units::dimensionless> nmda_s;
/// The NMDA rise variable of a synapse (per synapse, dimensionless, +1 at each spike).
inline constexpr expr::state<"x_nmda", units::dimensionless> nmda_x;

/// Parameters of `library::nmda`, defaulting to Brunel & Wang (2001) (Brian 2's
/// `frompapers/Brunel_Wang_2001.py`) and the magnesium block of Jahr & Stevens (1990).
struct nmda_parameters {
    using time = units::quantity<units::si::time>;
    using rate = units::quantity<units::si::frequency>;
    using concentration = units::quantity<units::unit_t<decltype(units::mmolar)>>;
    using voltage = units::quantity<units::si::electric_potential>;
    using conductance = units::quantity<units::si::conductance>;
    using per_voltage = std::remove_cvref_t<decltype(1.0 / units::volt)>;

    time tau_rise = 2.0 * units::ms;     ///< decay of x (rise of s)
    time tau_decay = 100.0 * units::ms;  ///< decay of s
    rate alpha = 0.5 * units::kHz;       ///< rate at which x opens s
    concentration Mg = 1.0 * units::mM;  ///< extracellular magnesium
    voltage E = 0.0 * units::mV;         ///< reversal potential
    /// Peak conductance of a synapse (times its weight, if any): Brunel & Wang's
    /// recurrent NMDA conductance onto pyramidal cells (800 excitatory inputs).
    conductance g = 0.327 * units::nS;
    /// Jahr & Stevens' block: B(v) = 1 / (1 + Mg / block_concentration · exp(-block_slope · v)).
    concentration block_concentration = 3.57 * units::mM;
    per_voltage block_slope = 0.062 / units::mV;
};

namespace detail {
constexpr void check_nmda(const nmda_parameters& p) {
    if (!(p.tau_rise.value() > 0.0) || !(p.tau_decay.value() > 0.0))
        throw std::invalid_argument("brian: library::nmda: tau_rise and tau_decay must be positive times");
    if (!(p.alpha.value() >= 0.0) || !(p.Mg.value() >= 0.0) || !(p.block_concentration.value() > 0.0))
        throw std::invalid_argument("brian: library::nmda: alpha and Mg must be >= 0, block_concentration > 0");
}

/// The NMDA synapse model; `weight` is a dimensionless expression multiplying g.
template <class I, class V, class Weight, class Method>
constexpr auto nmda_model(const I& current, const V& v, const Weight& weight, const nmda_parameters& p, Method m) {
    constexpr bool current_ok = I::kind == expr::symbol_kind::parameter &&
                                std::is_same_v<expr::unit_of<I>, units::si::current>;
    constexpr bool voltage_ok = std::is_same_v<expr::unit_of<V>, units::si::electric_potential>;
    static_assert(current_ok,
                  "brian: library::nmda(I, v, ...): I must be a parameter<..., amp> of the target "
                  "group (the summed NMDA current, used by its equations)");
    static_assert(voltage_ok, "brian: library::nmda(I, v, ...): v must be the target's membrane potential (unit volt)");
    static_assert(method::Method<Method>, "brian: library::nmda(I, v, p, m): m must be a method (method::rk4 ...)");
    if constexpr (current_ok && voltage_ok && method::Method<Method>) {
        check_nmda(p);
        const auto s = nmda_s;
        const auto x = nmda_x;
        // The block with dimensionless numbers: Mg / 3.57 mM and 0.062 · v / mV.
        const double mg_ratio = p.Mg / p.block_concentration;
        const auto block = 1.0 / (1.0 + mg_ratio * expr::exp(-(p.block_slope * post(v))));
        return synapse_model(
            equations(d(s) / expr::dt = -s / p.tau_decay + p.alpha * x * (1.0 - s), d(x) / expr::dt = -x / p.tau_rise),
            on_pre(x += 1.0), summed(post(current) = weight * p.g * s * (p.E - post(v)) * block), m);
    }
}
}  // namespace detail

/// NMDA synapses with a voltage-dependent magnesium block, as in Brian 2's
/// `frompapers/Brunel_Wang_2001.py`. Per synapse, integrated every step (clock-driven):
///
///     ds/dt = -s / tau_decay + alpha · x · (1 - s)       x += 1 at each presynaptic spike
///     dx/dt = -x / tau_rise
///
/// and, before each state update of the target, the summed current
///
///     I_post = g · s · (E - v_post) / (1 + Mg / 3.57 mM · exp(-0.062 · v_post / mV))
///
/// `I` is a `parameter<"I", amp>` of the target's model (added to its dv/dt as an inward
/// current), `v` its membrane potential. The method defaults to Brian's example
/// (`method='euler'`); `method::rk4` is more accurate at the same dt.
///
///     synapses S(E, P, library::nmda(I_nmda, v));
///     synapses S(E, P, library::nmda(I_nmda, v, {.Mg = 1.2_mM, .g = 0.2_nS}, method::rk4));
template <class I, class V, class Method = method::euler_t>
    requires(expr::is_symbol<I> && expr::is_symbol<V>)
constexpr auto nmda(const I& current, const V& v, const nmda_parameters& p = {}, Method m = {}) {
    return detail::nmda_model(current, v, 1.0, p, m);
}

/// The same with a per-synapse dimensionless weight `w` multiplying g (Brunel & Wang's
/// `s_NMDA_tot_post = w * s_NMDA`): `S[w] = 2.1` for a potentiated synapse.
template <class I, class V, class W, class Method = method::euler_t>
    requires(expr::is_symbol<I> && expr::is_symbol<V> && expr::is_symbol<W>)
constexpr auto nmda(const I& current, const V& v, const W& w, const nmda_parameters& p = {}, Method m = {}) {
    static_assert(W::kind == expr::symbol_kind::parameter && std::is_same_v<expr::unit_of<W>, units::si::dimensionless>,
                  "brian: library::nmda(I, v, w, ...): w must be a dimensionless per-synapse parameter<\"w\", "
                  "dimensionless>");
    return detail::nmda_model(current, v, w, p, m);
}

}  // namespace brian::library
