#pragma once

#include "brian/equations/equations.hpp"
#include "brian/synapses/synapse_model.hpp"

namespace brian::library {

/// The state of a Tsodyks–Markram synapse, both zero at rest: `depletion` = 1 - x (the
/// used fraction of resources), `facilitation` = u - U (the release probability above its
/// baseline). Zero at rest means a new synapse needs no initialisation.
using stp_depletion = expr::symbol<expr::symbol_kind::state, "stp_depletion", expr::dimensionless_t>;
using stp_facilitation = expr::symbol<expr::symbol_kind::state, "stp_facilitation", expr::dimensionless_t>;

/// Parameters of Tsodyks–Markram short-term plasticity.
struct stp_parameters {
    double U;                                       ///< baseline release probability
    units::quantity<boost::units::si::time> tau_d;  ///< recovery of resources (depression)
    units::quantity<boost::units::si::time> tau_f;  ///< decay of facilitation
};

/// Tsodyks–Markram short-term plasticity (Tsodyks, Pawelzik & Markram 1998; Brian 2's
/// synapses/short_term_plasticity.py): resources x recover to 1 with tau_d, the release
/// probability u relaxes to U with tau_f; at a spike the target receives w·u·x, then
/// x ← x(1 - u) and u ← u + U(1 - u), exactly as Brian's example (both event-driven).
/// Large U and tau_d depress, small U and large tau_f facilitate.
template <class Target, class W>
constexpr auto tsodyks_markram(const Target& target, const W& w, const stp_parameters& p) {
    constexpr stp_depletion y{};     // 1 - x
    constexpr stp_facilitation f{};  // u - U
    return synapse_model(
        equations(d(y) / expr::dt = -y / p.tau_d | event_driven, d(f) / expr::dt = -f / p.tau_f | event_driven),
        on_pre(target += w * (p.U + f) * (1.0 - y),
               y += (p.U + f) * (1.0 - y),    // x ← x (1 - u)
               f += p.U * (1.0 - p.U - f)));  // u ← u + U (1 - u)
}

}  // namespace brian::library
