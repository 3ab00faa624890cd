#pragma once

#include <tuple>

#include "brian/equations/equations.hpp"
#include "brian/expr/analysis/linearity.hpp"
#include "brian/integrators/method.hpp"

namespace brian {

/// What the integrators need to know about a set of differential equations, from its type:
/// the right-hand sides with subexpressions inlined, split into drift `f` and noise
/// coefficient `g` (rhs = f + g·xi), and their linearity.
template <class Eqs>
struct ode_system {
    using states = typename Eqs::states;
    using odes = typename Eqs::odes;
    static constexpr std::size_t size = Eqs::state_count;

    static constexpr auto rhs(const Eqs& eqs) {
        return std::apply([&](const auto&... ode) { return std::tuple{inline_subexpressions(eqs, ode.rhs)...}; },
                          eqs.equations);
    }
    static constexpr auto drift(const Eqs& eqs) {
        return std::apply(
            [](const auto&... r) {
                return std::tuple{
                    expr::substitute<expr::builtin::xi_t>(r, expr::zero<expr::unit_of<expr::builtin::xi_t>>{})...};
            },
            rhs(eqs));
    }
    static constexpr auto noise(const Eqs& eqs) {
        return std::apply([](const auto&... r) { return std::tuple{expr::derivative<expr::builtin::xi_t>(r)...}; },
                          rhs(eqs));
    }

    using rhs_types = decltype(rhs(std::declval<const Eqs&>()));
    using drift_types = decltype(drift(std::declval<const Eqs&>()));
    using noise_types = decltype(noise(std::declval<const Eqs&>()));

  private:
    template <template <class, class, class, std::size_t> class Test>
    static constexpr bool all_equations() {
        return []<std::size_t... J>(std::index_sequence<J...>) {
            return (Test<std::tuple_element_t<J, rhs_types>, std::tuple_element_t<J, drift_types>,
                         std::tuple_element_t<J, noise_types>, J>::value &&
                    ...);
        }(std::make_index_sequence<size>{});
    }
    template <class S>
    struct state_list;
    template <class... X>
    struct state_list<expr::type_list<X...>> {
        template <class E>
        static constexpr bool linear_in_all = expr::is_linear_in_all<E, X...>;
        template <class E>
        static constexpr bool reads_any = (expr::depends_on<E, X> || ...);
        template <std::size_t J>
        using at = std::tuple_element_t<J, std::tuple<X...>>;
    };
    using state_info = state_list<states>;

    template <class R, class F, class G, std::size_t J>
    struct is_deterministic : std::bool_constant<!expr::depends_on<R, expr::builtin::xi_t>> {};
    template <class R, class F, class G, std::size_t J>
    struct is_noise_affine : std::bool_constant<expr::is_linear_in<R, expr::builtin::xi_t>> {};
    template <class R, class F, class G, std::size_t J>
    struct is_additive : std::bool_constant<!state_info::template reads_any<G>> {};
    template <class R, class F, class G, std::size_t J>
    struct is_linear : std::bool_constant<state_info::template linear_in_all<F> &&
                                          !expr::depends_on<F, expr::builtin::time_t> && !expr::is_stochastic<F>> {};
    template <class R, class F, class G, std::size_t J>
    struct is_self_linear
        : std::bool_constant<expr::is_linear_in<F, typename state_info::template at<J>> && !expr::is_stochastic<F>> {};
    template <class R, class F, class G, std::size_t J>
    struct is_uncoupled {
        static constexpr bool value = [] {
            return []<std::size_t... K>(std::index_sequence<K...>) {
                return ((K == J || !expr::depends_on<F, typename state_info::template at<K>>)&&...);
            }(std::make_index_sequence<size>{});
        }();
    };

  public:
    /// Whether any equation has a noise term (xi).
    static constexpr bool stochastic = !all_equations<is_deterministic>();
    /// Whether the noise enters as g·xi (required of every stochastic equation).
    static constexpr bool noise_affine = all_equations<is_noise_affine>();
    /// Whether no noise coefficient reads a state variable.
    static constexpr bool additive_noise = all_equations<is_additive>();
    /// Linear, time-invariant and deterministic: `method::exact` applies.
    static constexpr bool linear = !stochastic && all_equations<is_linear>();
    /// Each equation linear in its own variable: `method::exponential_euler` applies.
    static constexpr bool conditionally_linear = !stochastic && all_equations<is_self_linear>();
    /// No equation reads another state variable (each can be integrated on its own).
    static constexpr bool uncoupled = all_equations<is_uncoupled>();
};

/// The method `M` resolved for the equations: Brian 2's default (`method=('exact',
/// 'euler', 'heun')`) for `method::automatic`.
template <class M, class Sys>
using resolved_method = std::conditional_t<
    std::is_same_v<M, method::automatic_t>,
    std::conditional_t<Sys::linear, method::exact_t,
                       std::conditional_t<!Sys::stochastic || Sys::additive_noise, method::euler_t, method::heun_t>>,
    M>;

namespace detail {

/// Why method `M` cannot integrate the equations, or an empty text.
template <class M, class Sys>
constexpr expr::expr_detail::message_text method_error() {
    using expr::expr_detail::message;
    constexpr std::string_view name = M::name;
    if constexpr (Sys::stochastic && !Sys::noise_affine)
        return message("brian: noise must enter the equations as g * xi (linearly in xi)");
    else if constexpr (std::is_same_v<M, method::exact_t> && !Sys::linear)
        return message(
            "brian: method::exact needs linear equations without t or noise; use "
            "method::exponential_euler (conditionally linear) or method::euler");
    else if constexpr (std::is_same_v<M, method::exponential_euler_t> && !Sys::conditionally_linear)
        return message(
            "brian: method::exponential_euler needs each equation linear in its own variable "
            "and no noise; use method::euler or method::rk4");
    else if constexpr ((std::is_same_v<M, method::rk2_t> || std::is_same_v<M, method::rk4_t>)&&Sys::stochastic)
        return message("brian: method::", name,
                       " cannot integrate stochastic equations (xi); use "
                       "method::euler, method::heun or method::milstein");
    else if constexpr (std::is_same_v<M, method::euler_t> && Sys::stochastic && !Sys::additive_noise)
        return message(
            "brian: method::euler handles only additive noise; for noise multiplied by a state "
            "variable use method::heun or method::milstein (Stratonovich, as Brian 2)");
    else return {};
}

}  // namespace detail
}  // namespace brian
