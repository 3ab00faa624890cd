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
                        ((std::remove_cvref_t<decltype(path)>::name.view() ==
                                  std::remove_cvref_t<decltype(dd)>::pathway.view()
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
}  // namespace brian
