#pragma once

#include <tuple>
#include <type_traits>

#include "brian/equations/equations.hpp"
#include "brian/expr/analysis/derivative.hpp"
#include "brian/expr/analysis/linearity.hpp"
#include "brian/expr/analysis/substitute.hpp"
#include "brian/groups/layout.hpp"
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

/// The statements run for each synapse of a postsynaptic spike (Brian's `on_post`).
template <class S>
struct on_post_part {
    S statements;
};

/// `on_post(post(x) += ..., w = clip(w + Apre, 0, gmax))`: statements run, in order, for
/// each synapse of a postsynaptic spike, after the `on_pre` code of the same step.
template <class... S>
    requires(detail::statements_error<S...>("on_post").size() == 0)
constexpr auto on_post(const S&... statements) {
    auto seq = expr::statements(statements...);
    return on_post_part<decltype(seq)>{seq};
}
template <class... S>
    requires(detail::statements_error<S...>("on_post").size() != 0)
error<detail::statements_error<S...>("on_post")> on_post(const S&...);

/// Absent pathways of a synapse model.
struct no_on_pre {};
struct no_on_post {};
/// A synapse model without equations.
using no_synaptic_equations = equation_set<expr::type_list<>, expr::type_list<>>;

/// A synapse model (Brian's `Synapses(model=..., on_pre=..., on_post=..., delay=...)`):
/// built by `synapse_model(...)`, its type carries everything.
template <class Eqs, class Pre, class Post>
struct synapse_model_t {
    using equations_type = Eqs;
    using pre_type = Pre;
    using post_type = Post;
    Eqs eqs;
    Pre pre;
    Post post;
    double delay = 0.0;  ///< homogeneous delay of the on_pre pathway, seconds
};

namespace detail {

template <class T>
inline constexpr bool is_on_pre_part = false;
template <class S>
inline constexpr bool is_on_pre_part<on_pre_part<S>> = true;
template <class T>
inline constexpr bool is_on_post_part = false;
template <class S>
inline constexpr bool is_on_post_part<on_post_part<S>> = true;

template <class T>
constexpr int synapse_part_kind() {
    if constexpr (is_equation_set<T>) return 0;
    else if constexpr (is_on_pre_part<T>) return 1;
    else if constexpr (is_on_post_part<T>) return 2;
    else if constexpr (std::is_same_v<T, delay_part>) return 3;
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

template <class T>
constexpr auto statements_of(const T& part) {
    if constexpr (is_on_pre_part<T> || is_on_post_part<T>) return part.statements;
    else return part;
}

}  // namespace detail

/// `synapse_model(equations(...), on_pre(...), on_post(...), delay(...))`, parts in any
/// order, each at most once, all optional.
template <class... P>
constexpr auto synapse_model(const P&... parts) {
    static_assert(((detail::synapse_part_kind<P>() >= 0) && ...),
                  "brian: synapse_model(...) takes equations(...), on_pre(...), on_post(...) and delay(...)");
    static_assert(((detail::synapse_part_kind<P>() == 0 ? 1 : 0) + ... + 0) <= 1 &&
                      ((detail::synapse_part_kind<P>() == 1 ? 1 : 0) + ... + 0) <= 1 &&
                      ((detail::synapse_part_kind<P>() == 2 ? 1 : 0) + ... + 0) <= 1 &&
                      ((detail::synapse_part_kind<P>() == 3 ? 1 : 0) + ... + 0) <= 1,
                  "brian: synapse_model(...) takes each part at most once");
    auto eqs = detail::pick_part<0>(no_synaptic_equations{}, parts...);
    auto pre = detail::statements_of(detail::pick_part<1>(no_on_pre{}, parts...));
    auto post = detail::statements_of(detail::pick_part<2>(no_on_post{}, parts...));
    auto d = detail::pick_part<3>(delay_part{}, parts...);
    return synapse_model_t<decltype(eqs), decltype(pre), decltype(post)>{eqs, pre, post, d.seconds};
}

namespace detail {

template <class Code>
struct code_symbols {
    using type = typename statement_symbols<Code>::type;
};
template <>
struct code_symbols<no_on_pre> {
    using type = expr::type_list<>;
};
template <>
struct code_symbols<no_on_post> {
    using type = expr::type_list<>;
};

/// Keeps the named symbols (drops `pre(x)`, `post(x)`).
template <class List>
struct plain_symbols;
template <class... S>
struct plain_symbols<expr::type_list<S...>> {
    using type = typename tuple_to_list<decltype(std::tuple_cat(
        std::conditional_t<expr::is_symbol<S>, std::tuple<S>, std::tuple<>>{}...))>::type;
};

}  // namespace detail

namespace detail {
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

/// What a synapses object of `Model` stores per synapse: the variables of its equations,
/// then the parameters its code uses (Brian's `w : 1`), nothing declared twice; plus
/// `lastupdate` when it has event-driven equations.
template <class Model>
struct synapse_layout {
    using eqs = typename Model::equations_type;
    using all = typename detail::plain_symbols<typename expr::expr_detail::concat_unique<
        expr::type_list<>, typename detail::part_symbols<eqs>::type,
        typename detail::code_symbols<typename Model::pre_type>::type,
        typename detail::code_symbols<typename Model::post_type>::type>::type>::type;
    using states = typename eqs::states;
    using parameters =
        typename detail::tuple_to_list<typename detail::of_kind<all, expr::symbol_kind::parameter>::type>::type;
    using per_synapse = typename expr::expr_detail::concat_unique<states, parameters>::type;
    static constexpr std::size_t n = per_synapse::size;
    static constexpr bool event_driven = states::size > 0;

    template <class X>
    static constexpr std::size_t slot = [] {
        return []<class... S>(expr::type_list<S...>) { return expr::expr_detail::slot_of<X, S...>(); }(per_synapse{});
    }();
    template <class X>
    static constexpr bool stores = slot<X> < n;
    // The interface of a group's layout that state_monitor reads: every per-synapse
    // variable is per element (one value per synapse); none is a subexpression.
    template <class X>
    static constexpr std::size_t element_slot = slot<X>;
    static constexpr std::size_t n_per_element = n;
    template <class X>
    static constexpr bool is_subexpression = false;

    /// Kinds not supported in synapses yet (shared, subexpression, linked).
    static constexpr bool unsupported_kind = [] {
        return []<class... S>(expr::type_list<S...>) {
            return ((S::kind != expr::symbol_kind::state && S::kind != expr::symbol_kind::parameter) || ...);
        }(all{});
    }();
    static constexpr bool has_definitions = eqs::subexpressions::size > 0;

    /// Every equation is flagged event_driven (clock-driven synaptic equations: not yet).
    static constexpr bool all_event_driven = [] {
        return []<class... O>(expr::type_list<O...>) {
            return (((O::flags & equation_flags::event_driven_t::bit) != 0) && ...);
        }(typename eqs::odes{});
    }();
    /// Every equation is linear in its own variable and reads no other synaptic state.
    static constexpr bool all_linear = detail::odes_linear<typename eqs::odes, states>::value;
};

namespace detail {
/// Advances an event-driven variable `x' = a·x + b` exactly over `delta` seconds.
template <class Ode, class Ctx>
inline void advance_event_driven(const Ode& f, Ctx& ctx, double delta) {
    using X = typename Ode::variable;
    const auto a_e = expr::derivative<X>(f.rhs);
    const auto b_e = expr::substitute<X>(f.rhs, expr::zero<expr::unit_of<X>>{});
    const double a = a_e.eval(ctx), b = b_e.eval(ctx);
    double& x = ctx.ref(X{});
    if (a != 0.0) x += (x + b / a) * std::expm1(a * delta);
    else x += b * delta;
}
}  // namespace detail

}  // namespace brian
