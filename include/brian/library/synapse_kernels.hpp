#pragma once

#include "brian/equations/equations.hpp"
#include "brian/expr/functions.hpp"

namespace brian::library {

/// Postsynaptic kernels as equations of the target neuron, to splice into its model:
/// `equations(d(v)/dt = (El - v + I) / taum, library::exponential_synapse(I, 5_ms))`.
/// The synapse adds its weight to the kernel's input (`on_pre(post(I) += w)`, or `h` for
/// the two-variable kernels). A current-based synapse puts the kernel variable in the
/// membrane equation as a current; a conductance-based one multiplies it by a driving
/// force (`conductance_current(g, Ee, v)`). All are linear, so `method::exact` integrates
/// them exactly (coupled with v through the matrix exponential).

/// g(t) = w·exp(-t/tau) after a weight w arrives in g.
template <class G>
constexpr auto exponential_synapse(const G& g, units::quantity<boost::units::si::time> tau) {
    return equations(d(g) / expr::dt = -g / tau);
}

/// Alpha kernel g(t) = w·(t/tau)·exp(-t/tau) after a weight w arrives in h (peak w/e at
/// t = tau), as Brian's `dg/dt = (h - g)/tau, dh/dt = -h/tau`.
template <class G, class H>
constexpr auto alpha_synapse(const G& g, const H& h, units::quantity<boost::units::si::time> tau) {
    return equations(d(g) / expr::dt = (h - g) / tau, d(h) / expr::dt = -h / tau);
}

/// Bi-exponential kernel with rise tau_rise and decay tau_decay, normalised so that a
/// weight w arriving in h gives a peak of exactly w (Brian's documentation form):
/// dg/dt = (F·h - g)/tau_rise, dh/dt = -h/tau_decay, F = (tau_decay/tau_rise)^(tau_rise/(tau_decay - tau_rise)),
/// i.e. g = w·F·tau_decay/(tau_decay - tau_rise)·(exp(-t/tau_decay) - exp(-t/tau_rise)).
/// Needs tau_rise != tau_decay (their limit is the alpha kernel).
template <class G, class H>
constexpr auto biexponential_synapse(const G& g, const H& h, units::quantity<boost::units::si::time> tau_rise,
                                     units::quantity<boost::units::si::time> tau_decay) {
    // A folded-constant expression: evaluated once per run (std::pow is not constexpr).
    const auto factor = expr::pow(expr::as_expr(tau_decay / tau_rise), tau_rise / (tau_decay - tau_rise));
    return equations(d(g) / expr::dt = (factor * h - g) / tau_rise, d(h) / expr::dt = -h / tau_decay);
}

/// The current through a conductance g with reversal potential E at membrane potential
/// v: g·(E - v) (positive inward, as Brian's conductance-based benchmarks write it).
template <class G, class E, class V>
constexpr auto conductance_current(const G& g, const E& reversal, const V& v) {
    return g * (reversal - v);
}

}  // namespace brian::library
