#pragma once

#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/context.hpp"
#include "brian/model/neuron_model.hpp"

namespace brian {

namespace detail {

template <class L>
struct list_cat_unique;
template <class... S>
struct list_cat_unique<expr::type_list<S...>> {
    template <class Other>
    using with = typename expr::expr_detail::concat_unique<expr::type_list<S...>, Other>::type;
};

/// Symbols read or written by a statement or sequence.
template <class S>
struct statement_symbols {
    using type = typename list_cat_unique<expr::type_list<typename S::target_type>>::template with<
        expr::symbols_of<typename S::value_type>>;
};
template <class... S>
struct statement_symbols<expr::sequence<S...>> {
    using type =
        typename expr::expr_detail::concat_unique<expr::type_list<>, typename statement_symbols<S>::type...>::type;
};

template <class Part>
struct part_symbols {
    using type = expr::type_list<>;
};
template <class E>
struct part_symbols<threshold_part<E>> {
    using type = expr::symbols_of<E>;
};
template <class S>
struct part_symbols<reset_part<S>> {
    using type = typename statement_symbols<S>::type;
};
template <class E, bool C>
struct part_symbols<refractory_part<E, C>> {
    using type = expr::symbols_of<E>;
};
template <fixed_string N, class C, class S>
struct part_symbols<event_part<N, C, S>> {
    using type =
        typename expr::expr_detail::concat_unique<expr::symbols_of<C>, typename statement_symbols<S>::type>::type;
};
template <class... E>
struct part_symbols<events_part<E...>> {
    using type = typename expr::expr_detail::concat_unique<expr::type_list<>, typename part_symbols<E>::type...>::type;
};
template <class... O, class... D, class... X>
struct part_symbols<equation_set<expr::type_list<O...>, expr::type_list<D...>, expr::type_list<X...>>> {
    using type = typename expr::expr_detail::concat_unique<
        expr::type_list<typename O::variable...>, expr::symbols_of<typename O::rhs_type>...,
        expr::symbols_of<expr::unflagged_t<typename D::value_type>>..., expr::type_list<X...>>::type;
};

template <class List, expr::symbol_kind K>
struct of_kind;
template <class... S, expr::symbol_kind K>
struct of_kind<expr::type_list<S...>, K> {
    using type = decltype(std::tuple_cat(std::conditional_t<S::kind == K, std::tuple<S>, std::tuple<>>{}...));
};
template <class Tuple>
struct tuple_to_list;
template <class... S>
struct tuple_to_list<std::tuple<S...>> {
    using type = expr::type_list<S...>;
};

}  // namespace detail

/// The variables a group of `Model` stores, inferred from the model: nothing is declared
/// twice. Per element: the state variables (in equation order), then the parameters (and
/// `lastspike`, `not_refractory` with refractoriness); per group: the shared variables.
template <class Model>
struct model_layout {
    using all = typename expr::expr_detail::concat_unique<
        expr::type_list<>, typename detail::part_symbols<typename Model::equations_type>::type,
        typename detail::part_symbols<typename Model::threshold_type>::type,
        typename detail::part_symbols<typename Model::reset_type>::type,
        typename detail::part_symbols<typename Model::refractory_type>::type,
        typename detail::part_symbols<typename Model::events_type>::type,
        std::conditional_t<
            Model::has_refractory,
            expr::type_list<std::remove_cvref_t<decltype(lastspike)>, std::remove_cvref_t<decltype(not_refractory)>>,
            expr::type_list<>>>::type;

    using states = typename Model::equations_type::states;
    using parameters =
        typename detail::tuple_to_list<typename detail::of_kind<all, expr::symbol_kind::parameter>::type>::type;
    using shared = typename detail::tuple_to_list<typename detail::of_kind<all, expr::symbol_kind::shared>::type>::type;
    using linked = typename detail::tuple_to_list<typename detail::of_kind<all, expr::symbol_kind::linked>::type>::type;
    using subexpressions = typename Model::equations_type::subexpressions;
    /// Subexpressions flagged constant_over_dt: stored, computed at the start of each step.
    using held = typename Model::equations_type::held;
    /// Everything stored per element: states, then parameters, then held subexpressions.
    using per_element = typename expr::expr_detail::concat_unique<states, parameters, held>::type;

    static constexpr std::size_t n_states = states::size;
    static constexpr std::size_t n_held = held::size;
    static constexpr std::size_t n_per_element = per_element::size;
    static constexpr std::size_t n_shared = shared::size;
    static constexpr std::size_t n_linked = linked::size;

    /// Index of a symbol in `per_element` or `shared` (== size when absent).
    template <class X>
    static constexpr std::size_t element_slot = [] {
        return []<class... S>(expr::type_list<S...>) { return expr::expr_detail::slot_of<X, S...>(); }(per_element{});
    }();
    template <class X>
    static constexpr std::size_t shared_slot = [] {
        return []<class... S>(expr::type_list<S...>) { return expr::expr_detail::slot_of<X, S...>(); }(shared{});
    }();
    template <class X>
    static constexpr std::size_t linked_slot = [] {
        return []<class... S>(expr::type_list<S...>) { return expr::expr_detail::slot_of<X, S...>(); }(linked{});
    }();
    template <class X>
    static constexpr bool stores = element_slot<X> < n_per_element || shared_slot<X> < n_shared;
    template <class X>
    static constexpr bool is_subexpression = [] {
        return []<class... S>(expr::type_list<S...>) { return (expr::same_symbol<X, S> || ...); }(subexpressions{});
    }();
};

namespace detail {

/// Why a group with layout `Layout` gives no access to `X`: `access` is what was asked
/// ("cannot access" for `G[x]`, "state_monitor cannot record" for `record(x)`).
template <class Layout, class X>
constexpr expr::expr_detail::message_text not_stored_error(std::string_view access) {
    using expr::expr_detail::message;
    if constexpr (!expr::is_symbol<X>)
        return message("brian: ", access,
                       " something that is not a variable: use a state<...>, parameter<...> or "
                       "shared<...> symbol of the model");
    else if constexpr (X::kind == expr::symbol_kind::subexpression)
        return message("brian: ", access, " ", X::name.view(),
                       ": a subexpression is computed where used, not stored; "
                       "record it with a state_monitor");
    else if constexpr (X::kind == expr::symbol_kind::linked)
        return message("brian: ", access, " ", X::name.view(),
                       ": a linked variable is stored by the group it links to; read it there");
    else
        return message("brian: ", access, " ", X::name.view(),
                       ": the group does not store it (no part of its model "
                       "uses it); declare it with equations(..., ",
                       X::name.view(), ")");
}

}  // namespace detail

}  // namespace brian
