#pragma once

#include <array>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "brian/equations/equations.hpp"
#include "brian/expr/analysis/derivative.hpp"
#include "brian/expr/analysis/linearity.hpp"
#include "brian/expr/analysis/substitute.hpp"
#include "brian/groups/layout.hpp"
#include "brian/integrators/method.hpp"
#include "brian/synapses/pathway.hpp"
#include "brian/synapses/summed.hpp"
#include "brian/synapses/synaptic_code.hpp"

namespace brian {

namespace equation_flags {
/// Brian's `(event-driven)` on a synaptic equation: the variable is not integrated every
/// step but advanced exactly from `lastupdate` to `t` when a pre- or postsynaptic event
/// reaches the synapse. The equation must be linear in its variable (`dA/dt = -A/tau`).
struct event_driven_t {
    static constexpr unsigned bit = 1u << 8;
};
}  // namespace equation_flags

/// `d(Apre)/dt = -Apre / taupre | event_driven`.
inline constexpr equation_flags::event_driven_t event_driven{};

namespace expr::builtin {
/// The postsynaptic index of a synapse (Brian's `j`), in synaptic code and in
/// expressions assigned to synaptic variables. (`i` is the presynaptic index.)
struct synaptic_post_index_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_element;
    static constexpr const char* name = "j";
    using unit = dimensionless_t;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return static_cast<double>(ctx.post_index());
    }
};
}  // namespace expr::builtin

/// `j`: the postsynaptic index of a synapse (only in synaptic code and `S[w] = ...`).
inline constexpr expr::builtin::synaptic_post_index_t j{};

/// A synapse model without equations.
using no_synaptic_equations = equation_set<expr::type_list<>, expr::type_list<>>;

/// A synapse model (Brian's `Synapses(model=..., on_pre=..., on_post=..., delay=...,
/// method=...)`): built by `synapse_model(...)`, its type carries everything.
/// `Pathways` is a tuple of `pathway_part`s, `Summed` a `summed_part`.
template <class Eqs, class Pathways, class Summed, class Method>
struct synapse_model_t {
    using equations_type = Eqs;
    using pathways_type = Pathways;
    using summed_type = Summed;
    using method_type = Method;
    Eqs eqs;
    Pathways pathways;
    Summed summed;
};

namespace detail {

template <class T>
constexpr int synapse_part_kind() {
    if constexpr (is_equation_set<T>) return 0;
    else if constexpr (is_pathway_part<T>) return 1;
    else if constexpr (is_pathway_delay<T>) return 2;
    else if constexpr (is_summed_part<T>) return 3;
    else if constexpr (method::Method<T>) return 4;
    else return -1;
}

/// The part of kind K among `parts`, or `fallback`.
template <int K, class F, class... P>
constexpr auto pick_part(const F& fallback, const P&... parts) {
    auto found = std::tuple_cat([&]<class X>(const X& x) {
        if constexpr (synapse_part_kind<X>() == K) return std::tuple<X>{x};
        else return std::tuple<>{};
    }(parts)...);
    if constexpr (std::tuple_size_v<decltype(found)> == 0) return fallback;
    else return std::get<0>(found);
}
/// All parts of kind K, in order, as a tuple.
template <int K, class... P>
constexpr auto all_parts(const P&... parts) {
    return std::tuple_cat([&]<class X>(const X& x) {
        if constexpr (synapse_part_kind<X>() == K) return std::tuple<X>{x};
        else return std::tuple<>{};
    }(parts)...);
}
template <class... P>
constexpr int count_kind(int k) {
    return ((synapse_part_kind<P>() == k ? 1 : 0) + ... + 0);
}

/// Whether the pathways' names are distinct.
template <class Tuple>
constexpr bool distinct_pathway_names() {
    return []<std::size_t... J>(std::index_sequence<J...>) {
        constexpr std::array<std::string_view, sizeof...(J)> names{std::tuple_element_t<J, Tuple>::name.view()...};
        for (std::size_t a = 0; a < names.size(); ++a)
            for (std::size_t b = a + 1; b < names.size(); ++b)
                if (names[a] == names[b]) return false;
        return true;
    }(std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}
/// Whether a pathway called `Name` is in the tuple.
template <class Tuple, fixed_string Name>
constexpr bool has_pathway() {
    return []<std::size_t... J>(std::index_sequence<J...>) {
        return ((std::tuple_element_t<J, Tuple>::name.view() == Name.view()) || ...);
    }(std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

template <class Summed>
constexpr auto merge_summed(const Summed& parts) {
    return std::apply(
        [](const auto&... p) {
            auto all = std::tuple_cat(p.statements...);
            return std::apply([](const auto&... s) { return summed_part<std::remove_cvref_t<decltype(s)>...>{{s...}}; },
                              all);
        },
        parts);
}

}  // namespace detail

/// `synapse_model(equations(...), on_pre(...), on_post(...), delay(...), summed(...),
/// method::euler)`: parts in any order, all optional; several named pathways
/// (`on_pre<"up">(...)`, `delay<"up">(2_ms)`); equations and method at most once.
template <class... P>
constexpr auto synapse_model(const P&... parts) {
    static_assert(((detail::synapse_part_kind<P>() >= 0) && ...),
                  "brian: synapse_model(...) takes equations(...), on_pre(...), on_post(...), delay(...), "
                  "summed(...) and a method");
    static_assert(detail::count_kind<P...>(0) <= 1 && detail::count_kind<P...>(4) <= 1,
                  "brian: synapse_model(...) takes equations(...) and a method at most once");
    auto eqs = detail::pick_part<0>(no_synaptic_equations{}, parts...);
    auto paths = detail::all_parts<1>(parts...);
    using paths_t = decltype(paths);
    static_assert(detail::distinct_pathway_names<paths_t>(),
                  "brian: two pathways of a synapse model have the same name; name them on_pre<\"a\">(...), "
                  "on_pre<\"b\">(...)");
    auto delays = detail::all_parts<2>(parts...);
    std::apply(
        [&]<class... D>(const D&... d) {
            static_assert((detail::has_pathway<paths_t, D::pathway>() && ...),
                          "brian: delay<\"name\">(...) names no pathway of the synapse model (the default on_pre "
                          "pathway is \"pre\", on_post is \"post\")");
            [[maybe_unused]] auto apply_one = [&](const auto& dd) {
                std::apply(
                    [&](auto&... path) {
                        ((std::remove_cvref_t<decltype(path)>::name.view() == std::remove_cvref_t<decltype(dd)>::pathway.view()
                              ? (void)(path.delay = dd.seconds)
                              : (void)0),
                         ...);
                    },
                    paths);
            };
            (apply_one(d), ...);
        },
        delays);
    auto sums = detail::merge_summed(detail::all_parts<3>(parts...));
    auto m = detail::pick_part<4>(method::automatic, parts...);
    return synapse_model_t<decltype(eqs), paths_t, decltype(sums), decltype(m)>{eqs, paths, sums};
}
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
    static constexpr bool value =
        expr::is_linear_in<typename O::rhs_type, typename O::variable> &&
        ((expr::same_symbol<St, typename O::variable> || !expr::depends_on<typename O::rhs_type, St>) && ...);
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
