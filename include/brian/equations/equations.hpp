#pragma once

#include <tuple>

#include "brian/equations/ode.hpp"
#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/analysis/substitute.hpp"
#include "brian/expr/statement.hpp"

namespace brian {

template <class T>
inline constexpr bool is_ode = false;
template <class X, class R, unsigned F>
inline constexpr bool is_ode<ode<X, R, F>> = true;

/// A subexpression definition in `equations(...)`: `I = gl * (El - v)`.
template <class T>
inline constexpr bool is_definition = false;
template <expr::symbol_kind K, fixed_string N, class U, class E>
inline constexpr bool is_definition<expr::statement<expr::op::assign, expr::symbol<K, N, U>, E>> =
    K == expr::symbol_kind::subexpression;

/// A declaration in `equations(...)`: a bare `parameter<...>`, `shared<...>` or
/// `linked<...>` symbol, Brian's `x : unit` line. The group stores the variable even when
/// no equation, threshold or reset uses it (e.g. one that only synapses write).
template <class T>
inline constexpr bool is_declaration = false;
template <expr::symbol_kind K, fixed_string N, class U>
inline constexpr bool is_declaration<expr::symbol<K, N, U>> = K == expr::symbol_kind::parameter ||
                                                              K == expr::symbol_kind::shared ||
                                                              K == expr::symbol_kind::linked;

template <class Def>
inline constexpr bool is_held = (expr::flags_of<typename Def::value_type> & equation_flags::constant_over_dt_t::bit) !=
                                0;

namespace detail {
template <class Tuple>
struct tuple_as_list;
template <class... T>
struct tuple_as_list<std::tuple<T...>> {
    using type = expr::type_list<T...>;
};
template <class... Defs>
using held_symbols = typename tuple_as_list<decltype(std::tuple_cat(
    std::conditional_t<is_held<Defs>, std::tuple<typename Defs::target_type>, std::tuple<>>{}...))>::type;
}  // namespace detail

/// A model's equations: the differential equations, the subexpression definitions and
/// the declared variables, validated as a whole (one equation per variable, no cycle among
/// subexpressions).
template <class Odes, class Definitions, class Declarations = expr::type_list<>>
struct equation_set;

template <class... Odes, class... Defs, class... Decls>
struct equation_set<expr::type_list<Odes...>, expr::type_list<Defs...>, expr::type_list<Decls...>> {
    using states = expr::type_list<typename Odes::variable...>;
    using odes = expr::type_list<Odes...>;
    using subexpressions = expr::type_list<typename Defs::target_type...>;
    /// Variables declared without an equation (`x : unit` in Brian): stored by the group.
    using declarations = expr::type_list<Decls...>;
    /// The constant_over_dt subexpressions, stored per element (see `is_held`).
    using held = detail::held_symbols<Defs...>;
    std::tuple<Odes...> equations;
    std::tuple<Defs...> definitions;

    static constexpr std::size_t state_count = sizeof...(Odes);
};

namespace detail {

template <class T>
using decay = std::remove_cvref_t<T>;

template <class Pred, class... T>
constexpr auto filter_tuple(const T&... items) {
    return std::tuple_cat([&]<class X>(const X& x) {
        if constexpr (Pred::template test<X>) return std::tuple<X>{x};
        else return std::tuple<>{};
    }(items)...);
}
struct ode_pred {
    template <class X>
    static constexpr bool test = is_ode<X>;
};
struct definition_pred {
    template <class X>
    static constexpr bool test = is_definition<X>;
};
struct declaration_pred {
    template <class X>
    static constexpr bool test = is_declaration<X>;
};

template <class Tuple>
struct as_list;
template <class... T>
struct as_list<std::tuple<T...>> {
    using type = expr::type_list<T...>;
};

// Names of what a set defines, for the duplicate and cycle checks.
template <class... T>
constexpr int count_named(std::string_view name) {
    return ((T::name.view() == name ? 1 : 0) + ... + 0);
}

/// Whether a definition's expression reads the symbol called `name`.
template <class Def>
constexpr bool reads(std::string_view name) {
    return []<class... S>(expr::type_list<S...>, [[maybe_unused]] std::string_view n) {  // S... may be empty
        return ((S::name.view() == n) || ...);
    }(expr::symbols_of<expr::unflagged_t<typename Def::value_type>>{}, name);
}

/// The index of a subexpression that reaches itself through the definitions (a cycle),
/// or the number of definitions if there is none.
template <class... Defs>
constexpr std::size_t cyclic_definition() {
    constexpr std::size_t n = sizeof...(Defs);
    if constexpr (n == 0) return 0;
    else {
        std::string_view names[n] = {Defs::target_type::name.view()...};
        bool reach[n][n]{};
        std::size_t row = 0;
        (
            [&] {
                for (std::size_t col = 0; col < n; ++col) reach[row][col] = reads<Defs>(names[col]);
                ++row;
            }(),
            ...);
        for (std::size_t k = 0; k < n; ++k)  // transitive closure (Warshall)
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = 0; b < n; ++b) reach[a][b] = reach[a][b] || (reach[a][k] && reach[k][b]);
        for (std::size_t a = 0; a < n; ++a)
            if (reach[a][a]) return a;
        return n;
    }
}

/// The name of a bare state or subexpression symbol among `Items` (listed without its
/// equation or definition), or an empty view.
template <class T>
constexpr std::string_view undeclarable_name() {
    if constexpr (expr::is_symbol<T> && !is_declaration<T>) return T::name.view();
    else return {};
}
template <class... T>
constexpr std::string_view first_undeclarable() {
    std::string_view out;
    ((out.empty() ? (void)(out = undeclarable_name<T>()) : (void)0), ...);
    return out;
}

template <class... Items>
constexpr expr::expr_detail::message_text equations_error() {
    using namespace std::literals;
    constexpr bool all_known = ((is_ode<decay<Items>> || is_definition<decay<Items>> ||
                                 is_declaration<decay<Items>>)&&...);
    constexpr std::string_view bare = first_undeclarable<decay<Items>...>();
    if constexpr (!bare.empty()) {
        return expr::expr_detail::message("brian: equations(...) lists ", bare,
                                          " by itself; a variable without an equation (`", bare,
                                          " : unit` in Brian) is declared as a parameter<...> symbol");
    } else if constexpr (!all_known) {
        return expr::expr_detail::message(
            "brian: equations(...) takes `d(x)/dt = rhs`, subexpression definitions `s = expr` and declared "
            "parameters; for a reset or synaptic statement use reset(...) or on_pre(...)");
    } else {
        using odes = typename as_list<decltype(filter_tuple<ode_pred>(std::declval<decay<Items>>()...))>::type;
        using defs = typename as_list<decltype(filter_tuple<definition_pred>(std::declval<decay<Items>>()...))>::type;
        using decls = typename as_list<decltype(filter_tuple<declaration_pred>(std::declval<decay<Items>>()...))>::type;
        return []<class... O, class... D, class... X>(expr::type_list<O...>, expr::type_list<D...>,
                                                      expr::type_list<X...>) {
            expr::expr_detail::message_text out;
            bool done = false;
            (
                [&] {
                    if (!done && count_named<typename O::variable...>(O::variable::name.view()) > 1)
                        out = expr::expr_detail::message("brian: two equations for ", O::variable::name.view()),
                        done = true;
                }(),
                ...);
            (
                [&] {
                    if (!done &&
                        count_named<typename O::variable..., typename D::target_type..., X...>(X::name.view()) > 1)
                        out = expr::expr_detail::message("brian: ", X::name.view(),
                                                         " is declared twice, or declared and defined by an "
                                                         "equation; list it once"),
                        done = true;
                }(),
                ...);
            (
                [&] {
                    if (!done && count_named<typename D::target_type...>(D::target_type::name.view()) > 1)
                        out = expr::expr_detail::message("brian: subexpression ", D::target_type::name.view(),
                                                         " is defined twice"),
                        done = true;
                }(),
                ...);
            if (!done && cyclic_definition<D...>() < sizeof...(D)) {
                constexpr std::string_view names[] = {D::target_type::name.view()..., ""};
                out = expr::expr_detail::message("brian: subexpression ", names[cyclic_definition<D...>()],
                                                 " depends on itself through other subexpressions (a cycle)");
            }
            return out;
        }(odes{}, defs{}, decls{});
    }
}

}  // namespace detail

namespace detail {
template <class T>
inline constexpr bool is_equation_set_item = false;
template <class O, class D, class X>
inline constexpr bool is_equation_set_item<equation_set<O, D, X>> = true;
template <class... X>
constexpr std::tuple<X...> as_tuple(expr::type_list<X...>) {
    return {};
}
/// An item of `equations(...)` as a tuple of equations, definitions and declarations (a
/// set is spliced).
template <class T>
constexpr auto spliced(const T& item) {
    if constexpr (is_equation_set_item<T>)
        return std::tuple_cat(item.equations, item.definitions, as_tuple(typename T::declarations{}));
    else return std::tuple<T>{item};
}
}  // namespace detail

/// `equations(library::alpha_synapse(g, h, tau), d(v)/dt = ...)`: a set of equations
/// given to `equations(...)` is spliced in (Brian's `eqs1 + eqs2`), so ready-made pieces
/// of the library combine with the user's own.
template <class... Items>
    requires((detail::is_equation_set_item<Items> || ...))
constexpr auto equations(const Items&... items);

/// `equations(d(v)/dt = ..., d(w)/dt = ..., I = ..., x)`: a model's equations; a bare
/// parameter, shared or linked symbol `x` declares a variable without an equation.
template <class... Items>
    requires(!(detail::is_equation_set_item<Items> || ...) && detail::equations_error<Items...>().size() == 0)
constexpr auto equations(const Items&... items) {
    auto odes = detail::filter_tuple<detail::ode_pred>(items...);
    auto defs = detail::filter_tuple<detail::definition_pred>(items...);
    using decls = decltype(detail::filter_tuple<detail::declaration_pred>(items...));
    using set = equation_set<typename detail::as_list<decltype(odes)>::type,
                             typename detail::as_list<decltype(defs)>::type, typename detail::as_list<decls>::type>;
    return set{odes, defs};
}
template <class... Items>
    requires(!(detail::is_equation_set_item<Items> || ...) && detail::equations_error<Items...>().size() != 0)
error<detail::equations_error<Items...>()> equations(const Items&...);

template <class... Items>
    requires((detail::is_equation_set_item<Items> || ...))
constexpr auto equations(const Items&... items) {
    return std::apply([](const auto&... flat) { return equations(flat...); },
                      std::tuple_cat(detail::spliced(items)...));
}

namespace detail {
template <class E, class Def, class... Rest>
constexpr auto substitute_each(const E& e, const Def& def, const Rest&... rest) {
    auto once = expr::substitute<typename Def::target_type>(e, expr::strip_flags(def.value));
    if constexpr (sizeof...(Rest) == 0) return once;
    else return substitute_each(once, rest...);
}
template <std::size_t Passes, class E, class... Defs>
constexpr auto substitute_passes(const E& e, const Defs&... defs) {
    if constexpr (Passes == 0) return e;
    else return substitute_passes<Passes - 1>(substitute_each(e, defs...), defs...);
}
}  // namespace detail

/// `e` with every subexpression replaced by its definition, recursively, as the generated
/// code inlines them (n passes resolve chains of n definitions; cycles were rejected).
/// Subexpressions flagged `constant_over_dt` stay symbols: they are stored per element,
/// computed once at the start of each step and read as variables, as in Brian 2.
template <class Set, class E>
constexpr auto inline_subexpressions(const Set& set, const E& e) {
    // Held (constant_over_dt) subexpressions stay symbols: they are read as variables.
    return std::apply(
        [&](const auto&... defs) {
            auto inlined_defs = std::tuple_cat([](const auto& d) {
                if constexpr (is_held<std::remove_cvref_t<decltype(d)>>) return std::tuple<>{};
                else return std::tuple<std::remove_cvref_t<decltype(d)>>{d};
            }(defs)...);
            return std::apply(
                [&](const auto&... kept) {
                    if constexpr (sizeof...(kept) == 0) return e;
                    else return detail::substitute_passes<sizeof...(kept)>(e, kept...);
                },
                inlined_defs);
        },
        set.definitions);
}

}  // namespace brian
