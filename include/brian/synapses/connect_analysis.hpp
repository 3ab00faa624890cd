#pragma once

#include <tuple>
#include <type_traits>

#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/logic.hpp"
#include "brian/synapses/synapse_context.hpp"

namespace brian::detail {

template <class C>
inline constexpr bool is_and = [] {
    if constexpr (requires { typename C::op; }) return std::is_same_v<typename C::op, expr::op::and_>;
    else return false;
}();

/// The conjuncts of a condition: `a and b and c` as the tuple (a, b, c).
template <class C>
constexpr auto conjuncts(const C& c) {
    if constexpr (is_and<C>) return std::tuple_cat(conjuncts(c.a), conjuncts(c.b));
    else return std::tuple<C>{c};
}

/// Whether E reads the presynaptic neuron (`i`, `pre(x)`) or the postsynaptic one (`j`,
/// `post(x)`).
template <class E>
inline constexpr bool reads_pre = mentions<E, expr::builtin::index_t> || [] {
    if constexpr (is_side_variable<E>) return E::side == synaptic_side::pre;
    else if constexpr (expr::HasArgs<E>)
        return []<class... A>(expr::type_list<A...>) { return (reads_pre<A> || ...); }(typename E::args{});
    else return false;
}();
template <class E>
inline constexpr bool reads_post = mentions<E, expr::builtin::synaptic_post_index_t> || reads_post_side<E>;

/// Where a conjunct of a connect condition can be tested: once per presynaptic neuron
/// (reads only i and pre(x)), once per postsynaptic neuron (only j and post(x)), or per
/// pair. A conjunct with random draws is always tested per pair, so that the draws of
/// the pairs are the same whichever way the loops run.
enum class conjunct_level { row, column, pair };
template <class E>
inline constexpr conjunct_level level_of = expr::is_stochastic<E> ? conjunct_level::pair
                                           : !reads_post<E>       ? conjunct_level::row
                                           : !reads_pre<E>        ? conjunct_level::column
                                                                  : conjunct_level::pair;

/// The conjuncts of `c` at level L, as a tuple.
template <conjunct_level L, class C>
constexpr auto conjuncts_at(const C& c) {
    return std::apply(
        [](const auto&... x) {
            return std::tuple_cat([&]<class X>(const X& e) {
                if constexpr (level_of<X> == L) return std::tuple<X>{e};
                else return std::tuple<>{};
            }(x)...);
        },
        conjuncts(c));
}

/// Whether every conjunct of a tuple holds in `ctx` (each is evaluated: no short circuit,
/// as `and` in expressions).
template <class Tuple, class Ctx>
bool all_hold(const Tuple& t, Ctx& ctx) {
    return std::apply([&](const auto&... e) { return (static_cast<bool>(e.eval(ctx)) & ... & true); }, t);
}

}  // namespace brian::detail
