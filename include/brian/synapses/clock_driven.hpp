#pragma once

#include <array>
#include <cmath>
#include <tuple>
#include <type_traits>

#include "brian/detail/vector_math.hpp"
#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/analysis/derivative.hpp"
#include "brian/expr/analysis/linearity.hpp"
#include "brian/expr/analysis/substitute.hpp"
#include "brian/integrators/matrix_exponential.hpp"
#include "brian/integrators/method.hpp"
#include "brian/synapses/synapse_layout.hpp"

namespace brian::detail {

/// Whether expression E reads a neuron variable through pre(x) or post(x).
template <class E>
constexpr bool reads_side_fn() {
    if constexpr (is_side_variable<E>) return true;
    else if constexpr (expr::HasArgs<E>)
        return []<class... A>(expr::type_list<A...>) { return (reads_side_fn<A>() || ...); }(typename E::args{});
    else return false;
}
/// The same for every synapse and step of a run (no synaptic or neuron variable, no
/// index, no t, no random draw).
template <class E>
inline constexpr bool synapse_run_constant = expr::run_constant<E> && !reads_side_fn<E>();

/// `f` with the variables `X...` set to zero.
template <class First, class... Rest, class F>
constexpr auto zero_each(const F& f) {
    auto g = expr::substitute<First>(f, expr::zero<expr::unit_of<First>>{});
    if constexpr (sizeof...(Rest) == 0) return g;
    else return zero_each<Rest...>(g);
}

/// The clock-driven equations of a synapse model (Brian's synaptic equations without
/// `(event-driven)`), integrated for every synapse in the `groups` slot of each step.
/// Methods: `exact` (linear equations; coupled ones need coefficients fixed for the run:
/// one propagator matrix, the matrix exponential of the augmented system), `euler`,
/// `rk2`, `rk4`, `exponential_euler`, `heun` (Euler without noise, as Brian). The default
/// is Brian's: exact if linear, else euler.
template <class Model>
struct clock_driven_integrator {
    using layout = synapse_layout<Model>;
    using odes = typename layout::clock_driven_odes;
    static constexpr std::size_t n = odes::size;

    template <class... O>
    static constexpr bool linear_in_states(expr::type_list<O...>) {
        return (expr::is_linear_in_all<typename O::rhs_type, typename O::variable...> && ...) &&
               !(expr::depends_on<typename O::rhs_type, expr::builtin::time_t> || ...);
    }
    template <class... O>
    static constexpr bool self_linear(expr::type_list<O...>) {
        return (expr::is_linear_in<typename O::rhs_type, typename O::variable> && ...);
    }
    template <class... O>
    static constexpr bool stochastic(expr::type_list<O...>) {
        return (expr::is_stochastic<typename O::rhs_type> || ...);
    }
    /// Whether every coefficient and constant term is fixed for the run.
    template <class O, class... P>
    static constexpr bool row_constant(expr::type_list<P...>) {
        return (synapse_run_constant<decltype(expr::derivative<typename P::variable>(
                    std::declval<typename O::rhs_type>()))> &&
                ...) &&
               synapse_run_constant<decltype(zero_each<typename P::variable...>(std::declval<typename O::rhs_type>()))>;
    }
    template <class... O>
    static constexpr bool constant_coefficients([[maybe_unused]] expr::type_list<O...> l) {
        return (row_constant<O>(l) && ...);
    }
    template <class P, class... O>
    static constexpr bool uncoupled_one(expr::type_list<O...>) {
        return ((expr::same_symbol<typename O::variable, typename P::variable> ||
                 !expr::depends_on<typename P::rhs_type, typename O::variable>)&&...);
    }
    template <class... O>
    static constexpr bool all_uncoupled([[maybe_unused]] expr::type_list<O...> l) {
        return (uncoupled_one<O>(l) && ...);
    }

    static constexpr bool is_linear = linear_in_states(odes{});
    static constexpr bool is_uncoupled = all_uncoupled(odes{});
    static constexpr bool is_self_linear = self_linear(odes{});
    static constexpr bool is_stochastic = stochastic(odes{});
    static constexpr bool is_constant = constant_coefficients(odes{});

    using requested = typename Model::method_type;
    using method_type = std::conditional_t<
        std::is_same_v<requested, method::automatic_t>,
        std::conditional_t<is_linear && (is_uncoupled || is_constant), method::exact_t, method::euler_t>, requested>;
    static constexpr bool exact = std::is_same_v<method_type, method::exact_t>;
    /// Coupled linear system: x ← M·x + c with M, c from the augmented matrix exponential.
    static constexpr bool matrix_exact = exact && !is_uncoupled;

    // What the method cannot do with the equations (each a `brian:` static assertion of
    // the synapses object, see `check`).
    static constexpr bool has_noise = n > 0 && is_stochastic;
    static constexpr bool exact_nonlinear = n > 0 && exact && !is_linear;
    static constexpr bool exact_coupled_varying = n > 0 && exact&& is_linear && !is_uncoupled && !is_constant;
    static constexpr bool exponential_euler_nonlinear = n > 0 &&
                                                        std::is_same_v<method_type, method::exponential_euler_t> &&
                                                        !is_self_linear;
    static constexpr bool milstein_without_noise = n > 0 && std::is_same_v<method_type, method::milstein_t>;

    /// The compile-time checks, with readable texts.
    static constexpr void check() {
        static_assert(!has_noise, "brian: clock-driven synaptic equations cannot contain noise (xi) or random draws");
        static_assert(!exact_nonlinear,
                      "brian: method::exact needs linear clock-driven synaptic equations without t; "
                      "use method::euler, method::rk4 or method::exponential_euler");
        static_assert(!exact_coupled_varying,
                      "brian: method::exact for coupled clock-driven synaptic equations needs coefficients fixed for "
                      "the run (no per-synapse parameter in them); use method::rk4");
        static_assert(!exponential_euler_nonlinear,
                      "brian: method::exponential_euler needs each synaptic equation linear in its own variable");
        static_assert(!milstein_without_noise, "brian: method::milstein is for noise; synaptic equations have none");
    }

    /// The clock-driven equations of `eqs`, as a tuple.
    template <class Eqs>
    static constexpr auto select(const Eqs& eqs) {
        return std::apply(
            [](const auto&... o) {
                return std::tuple_cat([&]<class O>(const O& x) {
                    if constexpr (is_event_driven_ode<O>) return std::tuple<>{};
                    else return std::tuple<O>{x};
                }(o)...);
            },
            eqs.equations);
    }
    using equations_tuple = decltype(select(std::declval<const typename Model::equations_type&>()));

    equations_tuple equations;
    // Propagator of a coupled linear system for the current dt: x ← m·x + c.
    std::array<std::array<double, n + 1>, n + 1> propagator{};
    double propagator_dt = -1.0;

    explicit clock_driven_integrator(const Model& model) : equations(select(model.eqs)) {}

    /// Computes the propagator (coupled exact) from a context of any synapse.
    template <class Ctx>
    void prepare(Ctx& ctx) {
        if constexpr (matrix_exact) {
            if (ctx.dt() == propagator_dt) return;
            small_matrix<n + 1> a{};
            for_each<n>([&](auto r) {
                const auto& f = std::get<r>(equations).rhs;
                for_each<n>([&](auto c) {
                    using Xc = typename std::tuple_element_t<c, equations_tuple>::variable;
                    a[r][c] = expr::derivative<Xc>(f).eval(ctx) * ctx.dt();
                });
                a[r][n] = zero_states(f).eval(ctx) * ctx.dt();
            });
            const auto e = matrix_exponential(a);
            for (std::size_t r = 0; r <= n; ++r)
                for (std::size_t c = 0; c <= n; ++c) propagator[r][c] = e[r][c];
            propagator_dt = ctx.dt();
        }
    }

    /// Advances one synapse: `x` holds its clock-driven states on entry (also in the
    /// context's storage) and their values at t + dt on exit.
    template <class Ctx>
    void advance(Ctx& ctx, double* x) const {
        const double dt = ctx.dt();
        if constexpr (matrix_exact) {
            double y[n];
            for (std::size_t r = 0; r < n; ++r) {
                double s = propagator[r][n];
                for (std::size_t c = 0; c < n; ++c) s += propagator[r][c] * x[c];
                y[r] = s;
            }
            for (std::size_t r = 0; r < n; ++r) x[r] = y[r];
        } else if constexpr (exact || std::is_same_v<method_type, method::exponential_euler_t>) {
            // x' = a·x + b with a, b from the current states: exact for uncoupled linear
            // equations, Brian's exponential Euler otherwise.
            double y[n];
            for_each<n>([&](auto r) {
                const auto& f = std::get<r>(equations).rhs;
                using X = typename std::tuple_element_t<r, equations_tuple>::variable;
                const double a = expr::derivative<X>(f).eval(ctx);
                const double b = expr::substitute<X>(f, expr::zero<expr::unit_of<X>>{}).eval(ctx);
                y[r] = a != 0.0 ? x[r] + (x[r] + b / a) * detail::expm1(a * dt) : x[r] + b * dt;
            });
            for (std::size_t r = 0; r < n; ++r) x[r] = y[r];
        } else if constexpr (std::is_same_v<method_type, method::rk2_t>) {
            double k[n], mid[n];
            drift(ctx, k);
            for (std::size_t r = 0; r < n; ++r) mid[r] = x[r] + dt * k[r] / 2;
            staged(ctx, mid, 0.5, k);
            for (std::size_t r = 0; r < n; ++r) x[r] += dt * k[r];
        } else if constexpr (std::is_same_v<method_type, method::rk4_t>) {
            double k1[n], k2[n], k3[n], k4[n], y[n];
            drift(ctx, k1);
            for (std::size_t r = 0; r < n; ++r) y[r] = x[r] + dt * k1[r] / 2;
            staged(ctx, y, 0.5, k2);
            for (std::size_t r = 0; r < n; ++r) y[r] = x[r] + dt * k2[r] / 2;
            staged(ctx, y, 0.5, k3);
            for (std::size_t r = 0; r < n; ++r) y[r] = x[r] + dt * k3[r];
            staged(ctx, y, 1.0, k4);
            for (std::size_t r = 0; r < n; ++r) x[r] += dt * (k1[r] + 2 * k2[r] + 2 * k3[r] + k4[r]) / 6;
        } else {  // euler, heun without noise
            double k[n];
            drift(ctx, k);
            for (std::size_t r = 0; r < n; ++r) x[r] += dt * k[r];
        }
    }

  private:
    template <std::size_t N, class Fn>
    static constexpr void for_each(Fn&& fn) {
        [&]<std::size_t... J>(std::index_sequence<J...>) {
            (fn(std::integral_constant<std::size_t, J>{}), ...);
        }(std::make_index_sequence<N>{});
    }
    /// `f` with every clock-driven state set to zero (the constant term of a linear f).
    template <class F>
    static constexpr auto zero_states(const F& f) {
        return [&]<class... O>(expr::type_list<O...>) { return zero_each<typename O::variable...>(f); }(odes{});
    }
    template <class Ctx>
    void drift(Ctx& ctx, double* out) const {
        for_each<n>([&](auto r) { out[r] = std::get<r>(equations).rhs.eval(ctx); });
    }
    /// The drift at intermediate states `xs`, time t + fraction·dt.
    template <class Ctx>
    void staged(Ctx& ctx, const double* xs, double fraction, double* out) const {
        const double t0 = ctx.time;
        ctx.staged = xs;
        ctx.time = t0 + fraction * ctx.dt();
        drift(ctx, out);
        ctx.staged = nullptr;
        ctx.time = t0;
    }
};

}  // namespace brian::detail
