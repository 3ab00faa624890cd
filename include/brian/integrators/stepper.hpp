#pragma once

#include <cmath>
#include <utility>

#include "brian/integrators/system.hpp"

namespace brian {

/// Advances the state variables of one element by one step with method `Method`.
/// `Model` is the model object; the stepper reads its equations at compile time.
///
/// The protocol with the group: `begin_step(scalar_ctx)` once per step computes what does
/// not depend on the element (hoisted out of the loop); `advance(ctx, x)` then updates the
/// element's states `x` in place. `ctx.get(state)` reads from the context's state array,
/// and `ctx.with_states(xs, dt_fraction)` gives a context reading `xs` at time
/// t + dt_fraction·dt (for intermediate stages). `x` is double, or float where the
/// context computes in float (`expr::real_of`); the stages are of the same type.
template <class Method, const auto& Model>
struct stepper;

namespace detail {

template <const auto& Model>
struct system_of {
    using eqs_type = typename std::remove_cvref_t<decltype(Model)>::equations_type;
    using sys = ode_system<eqs_type>;
    static constexpr std::size_t n = sys::size;
    /// The size of per-variable arrays: at least one, for a model with only parameters.
    static constexpr std::size_t n_arrays = n == 0 ? 1 : n;
    static constexpr auto f = sys::drift(Model.eqs);
    static constexpr auto g = sys::noise(Model.eqs);
    using index = std::make_index_sequence<n>;
};

/// The base of the explicit methods: nothing to hoist out of the loop per step.
template <const auto& Model>
struct explicit_stepper : system_of<Model> {
    using base = system_of<Model>;
    template <class Ctx>
    void begin_step(Ctx&) {}
};

/// Calls `fn(std::integral_constant<size_t, J>{})` for J in [0, N).
template <std::size_t N, class Fn>
constexpr void for_each_index(Fn&& fn) {
    [&]<std::size_t... J>(std::index_sequence<J...>) {
        (fn(std::integral_constant<std::size_t, J>{}), ...);
    }(std::make_index_sequence<N>{});
}

/// Evaluates the expressions of a tuple into `out`.
template <class Tuple, class Ctx, class R>
void evaluate_all(const Tuple& exprs, Ctx& ctx, R* out) {
    for_each_index<std::tuple_size_v<Tuple>>([&](auto j) { out[j] = std::get<j>(exprs).eval(ctx); });
}

}  // namespace detail

/// Forward Euler: x += dt·f(x, t); with additive noise Euler–Maruyama, + g·dW.
template <const auto& Model>
struct stepper<method::euler_t, Model> : detail::explicit_stepper<Model> {
    using base = detail::system_of<Model>;
    template <class Ctx, class R>
    void advance(Ctx& ctx, R* x) const {
        constexpr std::size_t n = base::n;
        const R dt = static_cast<R>(ctx.dt());
        R fx[n];
        detail::evaluate_all(base::f, ctx, fx);
        if constexpr (base::sys::stochastic) {
            R gx[n];
            detail::evaluate_all(base::g, ctx, gx);
            const double dW = std::sqrt(dt) * ctx.normal();
            for (std::size_t j = 0; j < n; ++j) x[j] = x[j] + dt * fx[j] + gx[j] * dW;
        } else {
            for (std::size_t j = 0; j < n; ++j) x[j] = x[j] + dt * fx[j];
        }
    }
};

/// Second-order Runge–Kutta (midpoint), as Brian's `rk2`.
template <const auto& Model>
struct stepper<method::rk2_t, Model> : detail::explicit_stepper<Model> {
    using base = detail::system_of<Model>;
    template <class Ctx, class R>
    void advance(Ctx& ctx, R* x) const {
        constexpr std::size_t n = base::n;
        const R dt = static_cast<R>(ctx.dt());
        R k[n], mid[n], fm[n];
        detail::evaluate_all(base::f, ctx, k);
        for (std::size_t j = 0; j < n; ++j) mid[j] = x[j] + dt * k[j] / 2;
        auto c = ctx.with_states(mid, 0.5);
        detail::evaluate_all(base::f, c, fm);
        for (std::size_t j = 0; j < n; ++j) x[j] = x[j] + dt * fm[j];
    }
};

/// Classical fourth-order Runge–Kutta, as Brian's `rk4`.
template <const auto& Model>
struct stepper<method::rk4_t, Model> : detail::explicit_stepper<Model> {
    using base = detail::system_of<Model>;
    template <class Ctx, class R>
    void advance(Ctx& ctx, R* x) const {
        constexpr std::size_t n = base::n;
        const R dt = static_cast<R>(ctx.dt());
        R k1[n], k2[n], k3[n], k4[n], y[n];
        detail::evaluate_all(base::f, ctx, k1);
        for (std::size_t j = 0; j < n; ++j) k1[j] *= dt, y[j] = x[j] + k1[j] / 2;
        auto c2 = ctx.with_states(y, 0.5);
        detail::evaluate_all(base::f, c2, k2);
        for (std::size_t j = 0; j < n; ++j) k2[j] *= dt, y[j] = x[j] + k2[j] / 2;
        auto c3 = ctx.with_states(y, 0.5);
        detail::evaluate_all(base::f, c3, k3);
        for (std::size_t j = 0; j < n; ++j) k3[j] *= dt, y[j] = x[j] + k3[j];
        auto c4 = ctx.with_states(y, 1.0);
        detail::evaluate_all(base::f, c4, k4);
        for (std::size_t j = 0; j < n; ++j) x[j] = x[j] + (k1[j] + 2 * k2[j] + 2 * k3[j] + dt * k4[j]) / 6;
    }
};

/// Brian's stochastic Heun scheme (Stratonovich): the noise coefficient is averaged over a
/// predictor step; without noise it is forward Euler, exactly as Brian's `heun`.
template <const auto& Model>
struct stepper<method::heun_t, Model> : detail::explicit_stepper<Model> {
    using base = detail::system_of<Model>;
    template <class Ctx, class R>
    void advance(Ctx& ctx, R* x) const {
        constexpr std::size_t n = base::n;
        const R dt = static_cast<R>(ctx.dt());
        R fx[n];
        detail::evaluate_all(base::f, ctx, fx);
        if constexpr (base::sys::stochastic) {
            R gx[n], support[n], gs[n];
            detail::evaluate_all(base::g, ctx, gx);
            const double dW = std::sqrt(dt) * ctx.normal();
            for (std::size_t j = 0; j < n; ++j) support[j] = x[j] + gx[j] * dW;
            auto cs = ctx.with_states(support, 1.0);
            detail::evaluate_all(base::g, cs, gs);
            for (std::size_t j = 0; j < n; ++j) x[j] = x[j] + dt * fx[j] + 0.5 * dW * (gx[j] + gs[j]);
        } else {
            for (std::size_t j = 0; j < n; ++j) x[j] = x[j] + dt * fx[j];  // Euler, as Brian's heun
        }
    }
};

/// Brian 2's `milstein`: the derivative-free Milstein scheme exactly as Brian writes it,
/// k = (g(x̄) − g(x))·dW²/(2√dt) with x̄ = x + f·dt + g·√dt. Without Itô's "− dt" in the
/// correction, its mean drift includes ½·g·∂g/∂x: like Brian's (checked side by side on
/// geometric Brownian motion), it integrates the Stratonovich interpretation.
template <const auto& Model>
struct stepper<method::milstein_t, Model> : detail::explicit_stepper<Model> {
    using base = detail::system_of<Model>;
    template <class Ctx, class R>
    void advance(Ctx& ctx, R* x) const {
        constexpr std::size_t n = base::n;
        const R dt = static_cast<R>(ctx.dt()), sqrt_dt = static_cast<R>(std::sqrt(ctx.dt()));
        R fx[n], gx[n], support[n], gs[n];
        detail::evaluate_all(base::f, ctx, fx);
        detail::evaluate_all(base::g, ctx, gx);
        const double dW = sqrt_dt * ctx.normal();
        for (std::size_t j = 0; j < n; ++j) support[j] = x[j] + dt * fx[j] + sqrt_dt * gx[j];
        auto cs = ctx.with_states(support, 0.0);
        detail::evaluate_all(base::g, cs, gs);
        for (std::size_t j = 0; j < n; ++j)
            x[j] = x[j] + dt * fx[j] + gx[j] * dW + (gs[j] - gx[j]) * (dW * dW) / (2 * sqrt_dt);
    }
};

}  // namespace brian
