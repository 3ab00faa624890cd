#pragma once

#include <type_traits>

#include <boost/units/is_quantity.hpp>

#include "brian/expr/arithmetic.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"
#include "brian/synapses/summed.hpp"
#include "brian/synapses/synapse_model.hpp"
#include "brian/synapses/synaptic_code.hpp"

namespace brian::library {

namespace detail {
template <class W>
inline constexpr bool is_gap_conductance = [] {
    if constexpr (expr::is_symbol<W>) return std::remove_cvref_t<W>::kind == expr::symbol_kind::parameter;
    else return boost::units::is_quantity<std::remove_cvref_t<W>>::value;
}();
}  // namespace detail

/// The summed part of electrical synapses (gap junctions), Brian 2's
/// `examples/synapses/gapjunctions.py`:
///
///     Igap_post = w * (v_pre - v_post) : amp (summed)
///
/// Before each state update of the target group, `Igap` of every target neuron is set to
/// the sum over its synapses of `w * (pre(v) - post(v))`. `Igap` must be a
/// `parameter<...>` of the target's model (which adds it to dv/dt, e.g.
/// `d(v)/dt = (El - v) / tau + Igap / C`), `v` a variable of source and target, `w` the
/// conductance: a per-synapse `parameter<"w", siemens>` (set with `S[w] = 1_nS`) or one
/// quantity for all synapses. The units only have to agree (`w * v` has Igap's unit), so
/// Brian's dimensionless example has all three dimensionless. Combine it with other parts
/// of a synapse model: `synapse_model(gap_junction_current(Igap, v, w), on_pre(post(v) +=
/// spikelet))` adds Lewis & Rinzel's spikelet, which the instantaneous reset of an
/// integrate-and-fire cell lacks.
template <class I, class V, class W>
    requires(expr::is_symbol<I> && expr::is_symbol<V> && detail::is_gap_conductance<W>)
constexpr auto gap_junction_current(const I& current, const V& v, const W& w) {
    using product = expr::unit_of<decltype(expr::as_expr(w) * (pre(v) - post(v)))>;
    constexpr bool units_agree = std::is_same_v<product, expr::unit_of<I>>;
    constexpr bool is_parameter = I::kind == expr::symbol_kind::parameter;
    static_assert(is_parameter,
                  "brian: library::gap_junction(I, v, w): I must be a parameter<...> of the target "
                  "group (the summed gap-junction current, used by its equations)");
    static_assert(units_agree,
                  "brian: library::gap_junction(I, v, w): w * v must have the unit of I (w in "
                  "siemens for v in volt and I in amp)");
    if constexpr (units_agree && is_parameter) return summed(post(current) = w * (pre(v) - post(v)));
}
template <class I, class V, class W>
    requires(expr::is_symbol<I> && expr::is_symbol<V> && !detail::is_gap_conductance<W>)
constexpr void gap_junction_current(const I&, const V&, const W&) {
    static_assert(detail::is_gap_conductance<W>,
                  "brian: library::gap_junction(I, v, w): w must be a per-synapse parameter<\"w\", siemens> or a "
                  "conductance quantity (e.g. 1_nS)");
}

/// Electrical synapses (gap junctions) as a whole synapse model: only the summed current
/// of `gap_junction_current(I, v, w)`. A symmetric coupling within one group is the same
/// synapse in both directions: `synapses S(G, G, gap_junction(Igap, v, w));
/// S.connect(condition(i != j)); S[w] = 1_nS;`.
template <class I, class V, class W>
constexpr auto gap_junction(const I& current, const V& v, const W& w) {
    // void when gap_junction_current has reported a mistake: no second error then.
    if constexpr (!std::is_void_v<decltype(gap_junction_current(current, v, w))>)
        return synapse_model(gap_junction_current(current, v, w));
}

}  // namespace brian::library
