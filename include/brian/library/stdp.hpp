#pragma once

#include "brian/equations/equations.hpp"
#include "brian/expr/functions.hpp"
#include "brian/synapses/synapse_model.hpp"
#include "brian/units/literals.hpp"

namespace brian::library {

/// The traces of pair-based STDP, in the weight's unit `U` (additive and nearest-spike
/// rules) or dimensionless (multiplicative rule): `S[library::pre_trace<U>{}]`.
template <class U>
using pre_trace = expr::symbol<expr::symbol_kind::state, "Apre", U>;
template <class U>
using post_trace = expr::symbol<expr::symbol_kind::state, "Apost", U>;

/// Parameters of trace-based STDP: time constants, trace increments and the upper weight
/// bound, in the weight's type `A` (`double` for dimensionless weights, or a quantity).
/// Song, Miller & Abbott (2000): taupre = taupost = 20 ms, dApost = -1.05 dApre.
template <class A>
struct stdp_parameters {
    units::quantity<boost::units::si::time> taupre;
    units::quantity<boost::units::si::time> taupost;
    A dApre;   ///< potentiation amplitude (a pre spike followed by a post spike)
    A dApost;  ///< depression amplitude (negative)
    A wmax;    ///< weights are clipped to [0, wmax]
};

namespace detail {
template <class W>
using weight_unit = typename W::unit;
}  // namespace detail

/// Additive STDP with exponential traces (Song, Miller & Abbott 2000; Brian 2's
/// synapses/STDP.py): each pre spike adds `w` to `target` and `dApre` to the pre trace and
/// moves w by the post trace; each post spike the reverse. The weight change of one pair
/// is dApre·exp(-Δt/taupre) for Δt = t_post - t_pre > 0 and dApost·exp(Δt/taupost) for Δt < 0,
/// summed over all pairs; w stays in [0, wmax].
///
///     inline constexpr auto stdp = library::stdp_additive(post(ge), w, library::stdp_parameters<double>{
///         20_ms, 20_ms, 0.01 * gmax, -0.0105 * gmax, gmax});
template <class Target, class W, class A>
constexpr auto stdp_additive(const Target& target, const W& w, const stdp_parameters<A>& p) {
    constexpr pre_trace<detail::weight_unit<W>> Apre{};
    constexpr post_trace<detail::weight_unit<W>> Apost{};
    return synapse_model(equations(d(Apre) / expr::dt = -Apre / p.taupre | event_driven,
                                   d(Apost) / expr::dt = -Apost / p.taupost | event_driven),
                         on_pre(target += w, Apre += p.dApre, w = expr::clip(w + Apost, A{}, p.wmax)),
                         on_post(Apost += p.dApost, w = expr::clip(w + Apre, A{}, p.wmax)));
}

/// Nearest-spike STDP: as `stdp_additive`, but a spike sets its trace instead of adding
/// to it, so each spike pairs only with the latest spike of the other side (the
/// "nearest-neighbour" scheme of Izhikevich & Desai 2003; Brian's `Apre = dApre`).
template <class Target, class W, class A>
constexpr auto stdp_nearest(const Target& target, const W& w, const stdp_parameters<A>& p) {
    constexpr pre_trace<detail::weight_unit<W>> Apre{};
    constexpr post_trace<detail::weight_unit<W>> Apost{};
    return synapse_model(equations(d(Apre) / expr::dt = -Apre / p.taupre | event_driven,
                                   d(Apost) / expr::dt = -Apost / p.taupost | event_driven),
                         on_pre(target += w, Apre = p.dApre, w = expr::clip(w + Apost, A{}, p.wmax)),
                         on_post(Apost = p.dApost, w = expr::clip(w + Apre, A{}, p.wmax)));
}

/// Parameters of multiplicative (soft-bound) STDP: learning rates per pair and the
/// upper bound `wmax` in the weight's type `A`.
template <class A>
struct multiplicative_stdp_parameters {
    units::quantity<boost::units::si::time> taupre;
    units::quantity<boost::units::si::time> taupost;
    double potentiation;  ///< Δw = potentiation·(wmax - w)·exp(-Δt/taupre) for Δt > 0
    double depression;    ///< Δw = -depression·w·exp(Δt/taupost) for Δt < 0
    A wmax;
};

/// Multiplicative STDP (van Rossum, Bi & Turrigiano 2000; Gütig et al. 2003 with μ = 1):
/// potentiation scales with the distance to the upper bound, depression with the weight,
/// so weights settle into a unimodal distribution instead of the additive rule's
/// bimodal one. Traces are dimensionless and count spikes (+1 per spike).
template <class Target, class W, class A>
constexpr auto stdp_multiplicative(const Target& target, const W& w, const multiplicative_stdp_parameters<A>& p) {
    constexpr pre_trace<expr::dimensionless_t> apre{};
    constexpr post_trace<expr::dimensionless_t> apost{};
    return synapse_model(equations(d(apre) / expr::dt = -apre / p.taupre | event_driven,
                                   d(apost) / expr::dt = -apost / p.taupost | event_driven),
                         on_pre(target += w, apre += 1.0, w = expr::clip(w - p.depression * w * apost, A{}, p.wmax)),
                         on_post(apost += 1.0, w = expr::clip(w + p.potentiation * (p.wmax - w) * apre, A{}, p.wmax)));
}

}  // namespace brian::library
