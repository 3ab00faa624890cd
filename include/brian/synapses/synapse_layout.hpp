#pragma once

#include <cmath>
#include <tuple>
#include <type_traits>

#include "brian/expr/analysis/derivative.hpp"
#include "brian/expr/analysis/linearity.hpp"
#include "brian/expr/analysis/substitute.hpp"
#include "brian/groups/layout.hpp"
#include "brian/synapses/synapse_model.hpp"

namespace brian {

namespace detail {

/// Symbols used by the statements of every pathway and summed variable of a model.
template <class Tuple>
struct pathway_symbols;
template <class... W>
struct pathway_symbols<std::tuple<W...>> {
    using type = typename expr::expr_detail::concat_unique<
        expr::type_list<>, typename statement_symbols<typename W::statements_type>::type...>::type;
};
template <class Summed>
struct summed_symbols;
template <class... S>
struct summed_symbols<summed_part<S...>> {
    using type =
        typename expr::expr_detail::concat_unique<expr::type_list<>, expr::symbols_of<typename S::value_type>...>::type;
};

/// Keeps the named symbols (drops `pre(x)`, `post(x)`).
template <class List>
struct plain_symbols;
template <class... S>
struct plain_symbols<expr::type_list<S...>> {
    using type = typename tuple_to_list<decltype(std::tuple_cat(
        std::conditional_t<expr::is_symbol<S>, std::tuple<S>, std::tuple<>>{}...))>::type;
};

template <class O>
inline constexpr bool is_event_driven_ode = (O::flags & equation_flags::event_driven_t::bit) != 0;

/// The equations of a list that are (or are not) event driven.
template <class List, bool EventDriven>
struct odes_where;
template <class... O, bool E>
struct odes_where<expr::type_list<O...>, E> {
    using type = typename tuple_to_list<decltype(std::tuple_cat(
        std::conditional_t<is_event_driven_ode<O> == E, std::tuple<O>, std::tuple<>>{}...))>::type;
};

/// Whether an equation is linear in its own variable and reads none of `States` else.
template <class O, class States>
struct ode_alone_linear;
template <class O, class... St>
struct ode_alone_linear<O, expr::type_list<St...>> {
    static constexpr bool value = expr::is_linear_in<typename O::rhs_type, typename O::variable> &&
                                  ((expr::same_symbol<St, typename O::variable> ||
                                    !expr::depends_on<typename O::rhs_type, St>)&&...);
};
template <class Odes, class States>
struct odes_linear;
template <class... O, class States>
struct odes_linear<expr::type_list<O...>, States> {
    static constexpr bool value = (ode_alone_linear<O, States>::value && ...);
};

}  // namespace detail

namespace detail {
/// Whether group G (void: none known) stores a variable named like X.
template <class X, class G>
constexpr bool group_stores() {
    if constexpr (std::is_void_v<G>) return false;
    else if constexpr (requires { typename G::layout; }) return G::layout::template stores<X>;
    else return false;
}
/// The parameters of a list that the target group does not store: in synaptic code a name
/// the synapse model does not declare is the postsynaptic neuron's variable (Brian's rule),
/// so `on_pre(V += w)` with V a parameter of the target writes the target's V.
template <class List, class TargetGroup>
struct not_stored_by;
template <class... S, class TargetGroup>
struct not_stored_by<expr::type_list<S...>, TargetGroup> {
    using type = typename tuple_to_list<decltype(std::tuple_cat(
        std::conditional_t<group_stores<S, TargetGroup>(), std::tuple<>, std::tuple<S>>{}...))>::type;
};
}  // namespace detail

/// What a synapses object of `Model` stores per synapse: the variables of its equations,
/// then the parameters its code uses (Brian's `w : 1`) that are not variables of the
/// target group `TargetGroup`, nothing declared twice; plus `lastupdate` when it has
/// event-driven equations.
template <class Model, class TargetGroup = void>
struct synapse_layout {
    using eqs = typename Model::equations_type;
    using declared = typename detail::plain_symbols<typename detail::part_symbols<eqs>::type>::type;
    using used = typename detail::plain_symbols<typename expr::expr_detail::concat_unique<
        expr::type_list<>, typename detail::pathway_symbols<typename Model::pathways_type>::type,
        typename detail::summed_symbols<typename Model::summed_type>::type>::type>::type;
    using all = typename expr::expr_detail::concat_unique<
        expr::type_list<>, declared, typename detail::not_stored_by<used, TargetGroup>::type>::type;
    using states = typename eqs::states;
    using parameters =
        typename detail::tuple_to_list<typename detail::of_kind<all, expr::symbol_kind::parameter>::type>::type;
    using per_synapse = typename expr::expr_detail::concat_unique<states, parameters>::type;
    static constexpr std::size_t n = per_synapse::size;
    /// Variables with one value for the whole synapses object (Brian's `(shared)`), e.g. a
    /// switch of plasticity set between runs.
    using shared_vars =
        typename detail::tuple_to_list<typename detail::of_kind<all, expr::symbol_kind::shared>::type>::type;
    static constexpr std::size_t n_shared = shared_vars::size;
    template <class X>
    static constexpr std::size_t shared_slot = [] {
        return []<class... S>(expr::type_list<S...>) { return expr::expr_detail::slot_of<X, S...>(); }(shared_vars{});
    }();

    /// Equations advanced at events from `lastupdate`, and those integrated every step.
    using event_driven_odes = typename detail::odes_where<typename eqs::odes, true>::type;
    using clock_driven_odes = typename detail::odes_where<typename eqs::odes, false>::type;
    static constexpr bool event_driven = event_driven_odes::size > 0;
    /// Position of X among the clock-driven variables (their size if it is not one).
    template <class X>
    static constexpr std::size_t clock_index = [] {
        return []<class... O>(expr::type_list<O...>) {
            return expr::expr_detail::slot_of<X, typename O::variable...>();
        }(clock_driven_odes{});
    }();
    static constexpr bool clock_driven = clock_driven_odes::size > 0;

    template <class X>
    static constexpr std::size_t slot = [] {
        return []<class... S>(expr::type_list<S...>) { return expr::expr_detail::slot_of<X, S...>(); }(per_synapse{});
    }();
    template <class X>
    static constexpr bool stores = slot<X> < n || shared_slot<X> < n_shared;
    // The interface of a group's layout that state_monitor reads: every per-synapse
    // variable is per element (one value per synapse); none is a subexpression.
    template <class X>
    static constexpr std::size_t element_slot = slot<X>;
    static constexpr std::size_t n_per_element = n;
    template <class X>
    static constexpr bool is_subexpression = false;

    /// Kinds not supported in synapses (subexpression, linked).
    static constexpr bool unsupported_kind = [] {
        return []<class... S>(expr::type_list<S...>) {
            return ((S::kind != expr::symbol_kind::state && S::kind != expr::symbol_kind::parameter &&
                     S::kind != expr::symbol_kind::shared) ||
                    ...);
        }(all{});
    }();
    static constexpr bool has_definitions = eqs::subexpressions::size > 0;

    /// Every event-driven equation is linear in its own variable and reads no other
    /// synaptic state (it is advanced exactly over any interval).
    static constexpr bool event_driven_linear = detail::odes_linear<event_driven_odes, states>::value;
};

namespace detail {
/// Advances an event-driven variable `x' = a·x + b` exactly over `delta` seconds.
template <class Ode, class Ctx>
inline void advance_event_driven(const Ode& f, Ctx& ctx, double delta) {
    using X = typename Ode::variable;
    const auto a_e = expr::derivative<X>(f.rhs);
    const auto b_e = expr::substitute<X>(f.rhs, expr::zero<expr::unit_of<X>>{});
    const double a = a_e.eval(ctx), b = b_e.eval(ctx);
    auto& x = ctx.ref(X{});
    if (a != 0.0) x += (x + b / a) * std::expm1(a * delta);
    else x += b * delta;
}
}  // namespace detail

}  // namespace brian
