#pragma once

#include <array>
#include <cmath>

#include "brian/detail/vector_math.hpp"
#include "brian/integrators/matrix_exponential.hpp"
#include "brian/integrators/stepper.hpp"

namespace brian {

namespace detail {

/// f = (a·x + b) / den, with a, b, den free of x. Keeping a fraction's denominator apart
/// (f = N/D gives a = dN/dx, b = N(x=0), den = D) reproduces the expressions Brian 2
/// gets from sympy: x_inf = -b/a and exp(a·dt/den), e.g. El + RI and exp(-dt/tau) for
/// dv/dt = (El - v + RI)/tau, so results agree with Brian's to the last bit (a constant
/// den is applied as its reciprocal, expr/arithmetic.hpp, which the spike-exact
/// validation tests against Brian's runtime mode still pass with).
template <class X, class F>
constexpr bool has_free_denominator() {
    // Nested: `decltype(F::b)` exists only for a quotient (a constant or a symbol has none).
    if constexpr (expr::is_node_of<F, expr::op::div>) return !expr::depends_on<decltype(std::declval<const F&>().b), X>;
    else return false;
}

template <class X, class F>
constexpr auto affine_form(const F& f) {
    if constexpr (has_free_denominator<X, F>()) {
        auto a = expr::derivative<X>(f.a);
        auto b = expr::substitute<X>(f.a, expr::zero<expr::unit_of<X>>{});
        struct form {
            decltype(a) slope;
            decltype(b) offset;
            decltype(f.b) den;
        };
        return form{a, b, f.b};
    } else {
        auto a = expr::derivative<X>(f);
        auto b = expr::substitute<X>(f, expr::zero<expr::unit_of<X>>{});
        struct form {
            decltype(a) slope;
            decltype(b) offset;
            expr::one den;
        };
        return form{a, b, {}};
    }
}

/// `f` with every state variable set to zero.
template <class... X, class F>
constexpr auto substitute_states(const F& f) {
    if constexpr (sizeof...(X) == 0) return f;
    else
        return [&]<class First, class... Rest>(expr::type_list<First, Rest...>) {
            return substitute_states<Rest...>(expr::substitute<First>(f, expr::zero<expr::unit_of<First>>{}));
        }(expr::type_list<X...>{});
}

template <const auto& Model>
struct affine_system : system_of<Model> {
    using base = system_of<Model>;
    static constexpr auto forms = []<std::size_t... J>(std::index_sequence<J...>) {
        using states = typename base::sys::states;
        return [&]<class... X>(expr::type_list<X...>) {
            return std::tuple{affine_form<X>(std::get<J>(base::f))...};
        }(states{});
    }(typename base::index{});

    template <std::size_t J>
    using form_t = std::remove_cvref_t<decltype(std::get<J>(forms))>;
    template <std::size_t J>
    static constexpr bool hoistable = expr::element_independent<decltype(form_t<J>::slope)> &&
                                      expr::element_independent<decltype(form_t<J>::den)>;
    template <std::size_t J>
    static constexpr bool offset_hoistable = hoistable<J> && expr::element_independent<decltype(form_t<J>::offset)>;

    /// Per-variable factors computed once per step where they do not depend on the
    /// element: the propagator exp(a·dt/den) and the ratio b/a.
    double hoisted_exp[base::n_arrays]{};
    double hoisted_ratio[base::n_arrays]{};

    // In the context's type (float in a group of precision<float>: dt rounded to float).
    // Always inlined: a call in the element loop stops the vectoriser.
    template <std::size_t J, class Ctx>
    BRIAN_ALWAYS_INLINE static auto propagator(Ctx& ctx) {
        const auto& form = std::get<J>(forms);
        return detail::exp(form.slope.eval(ctx) * static_cast<expr::real_of<Ctx>>(ctx.dt()) / form.den.eval(ctx));
    }
    template <std::size_t J, class Ctx>
    BRIAN_ALWAYS_INLINE static auto ratio(Ctx& ctx) {
        const auto& form = std::get<J>(forms);
        return form.offset.eval(ctx) / form.slope.eval(ctx);
    }

    template <class Ctx>
    void hoist(Ctx& ctx) {
        for_each_index<base::n>([&](auto j) {
            if constexpr (hoistable<j> && !expr::is_zero<decltype(form_t<j>::slope)>)
                hoisted_exp[j] = propagator<j>(ctx);
            if constexpr (offset_hoistable<j> && !expr::is_zero<decltype(form_t<j>::slope)> &&
                          !expr::is_zero<decltype(form_t<j>::offset)>)
                hoisted_ratio[j] = ratio<j>(ctx);
        });
    }
};

}  // namespace detail

/// Brian's exponential Euler: each equation is linear in its own variable, dx/dt = A·x + B
/// with A, B evaluated at the start of the step, and x ← (x + B/A)·exp(A·dt) − B/A.
template <const auto& Model>
struct stepper<method::exponential_euler_t, Model> : detail::affine_system<Model> {
    using base = detail::affine_system<Model>;
    template <class Ctx>
    void begin_step(Ctx& ctx) {
        base::hoist(ctx);
    }
    template <class Ctx, class R>
    void advance(Ctx& ctx, R* x) const {
        R next[base::n];
        detail::for_each_index<base::n>([&](auto j) {
            using form = typename base::template form_t<j>;
            const auto& f = std::get<j>(base::forms);
            if constexpr (expr::is_zero<decltype(form::slope)>) {
                next[j] = x[j] + static_cast<R>(ctx.dt()) * (f.offset.eval(ctx) / f.den.eval(ctx));
            } else {
                const R p = static_cast<R>(base::template hoistable<j> ? this->hoisted_exp[j]
                                                                       : base::template propagator<j>(ctx));
                if constexpr (expr::is_zero<decltype(form::offset)>) {
                    next[j] = x[j] * p;
                } else {
                    const R ba = static_cast<R>(base::template offset_hoistable<j> ? this->hoisted_ratio[j]
                                                                                   : base::template ratio<j>(ctx));
                    next[j] = (x[j] + ba) * p - ba;
                }
            }
        });
        for (std::size_t j = 0; j < base::n; ++j) x[j] = next[j];
    }
};

/// The exact propagator of a linear system dX/dt = M·X + c. Uncoupled equations use the
/// closed form x ← x_inf + x·P − x_inf·P, P = exp(a·dt/den) (Brian's sympy solution); a
/// coupled system (CUBA's v–ge–gi) the matrix exponential P = exp(M·dt) and
/// Q = ∫₀^dt exp(M·s) ds, computed when dt changes (every step if M reads shared
/// variables, per element if it reads per-element ones): X ← P·X + Q·c.
template <const auto& Model>
struct stepper<method::exact_t, Model> : detail::affine_system<Model> {
    using base = detail::affine_system<Model>;
    static constexpr std::size_t n = base::n;
    static constexpr bool coupled = !base::sys::uncoupled;

    /// Coupling coefficients M[j][k] = ∂f_j/∂x_k and offsets c_j = f_j(X = 0).
    static constexpr auto jacobian = []<class... X>(expr::type_list<X...>) {
        auto row = [](const auto& fj) { return std::tuple{expr::derivative<X>(fj)...}; };
        return std::apply([&](const auto&... fj) { return std::make_tuple(row(fj)...); }, base::f);
    }(typename base::sys::states{});
    static constexpr auto offsets = []<class... X>(expr::type_list<X...>) {
        return std::apply([](const auto&... fj) { return std::tuple{detail::substitute_states<X...>(fj)...}; },
                          base::f);
    }(typename base::sys::states{});

    /// Whether the coupling matrix is the same for every element, and whether it is fixed
    /// by the model (folded constants only: it changes with dt alone). Otherwise it is
    /// recomputed every step (shared variables) or for every element (per-element ones).
    static constexpr bool jacobian_element_independent = [] {
        bool r = true;
        detail::for_each_index<n>([&](auto j) {
            detail::for_each_index<n>([&](auto k) {
                r = r &&
                    expr::element_independent<std::tuple_element_t<k, std::tuple_element_t<j, decltype(jacobian)>>>;
            });
        });
        return r;
    }();
    static constexpr bool jacobian_fixed = [] {
        bool r = true;
        detail::for_each_index<n>([&](auto j) {
            detail::for_each_index<n>([&](auto k) {
                using entry = std::tuple_element_t<k, std::tuple_element_t<j, decltype(jacobian)>>;
                r = r && std::is_same_v<expr::symbols_of<entry>, expr::type_list<>>;
            });
        });
        return r;
    }();

    /// reach[j][k]: whether x_k can influence x_j (the transitive closure of the non-zero
    /// pattern of M, known from the types). P and Q are zero elsewhere, so the per-element
    /// product skips those entries: for CUBA, ge and gi are updated alone.
    static constexpr auto reach = [] {
        std::array<std::array<bool, n>, n> r{};
        detail::for_each_index<n>([&](auto j) {
            detail::for_each_index<n>([&](auto k) {
                using entry = std::tuple_element_t<k, std::tuple_element_t<j, decltype(jacobian)>>;
                r[j][k] = j == k || !expr::is_zero<entry>;
            });
        });
        for (std::size_t m = 0; m < n; ++m)
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = 0; b < n; ++b) r[a][b] = r[a][b] || (r[a][m] && r[m][b]);
        return r;
    }();
    template <std::size_t J>
    static constexpr bool offset_is_zero = expr::is_zero<std::tuple_element_t<J, decltype(offsets)>>;
    template <std::size_t J>
    static constexpr bool offset_hoisted = expr::element_independent<std::tuple_element_t<J, decltype(offsets)>>;
    /// Whether Q·c is the same for every element (then computed once per step).
    static constexpr bool affine_part_hoisted = [] {
        bool r = true;
        detail::for_each_index<n>([&](auto j) { r = r && offset_hoisted<j>; });
        return r && jacobian_element_independent;
    }();

    small_matrix<n> P{};
    small_matrix<n> Q{};
    double hoisted_c[base::n_arrays]{};
    double hoisted_qc[base::n_arrays]{};

    template <class Ctx>
    void begin_step(Ctx& ctx) {
        if constexpr (!coupled) {
            base::hoist(ctx);
        } else {
            if constexpr (!jacobian_element_independent) {
                // computed per element in advance()
            } else if constexpr (!jacobian_fixed) {
                prepare(ctx);
            } else if (ctx.dt() != prepared_dt_) {
                prepare(ctx);
            }
            detail::for_each_index<n>([&](auto j) {
                if constexpr (offset_hoisted<j>) hoisted_c[j] = std::get<j>(offsets).eval(ctx);
            });
            if constexpr (affine_part_hoisted)
                for (std::size_t j = 0; j < n; ++j) {
                    double v = 0.0;
                    for (std::size_t k = 0; k < n; ++k) v += Q[j][k] * hoisted_c[k];
                    hoisted_qc[j] = v;
                }
        }
    }

    /// Recomputes the propagators (at the first step, and whenever dt changed).
    template <class Ctx>
    void prepare(Ctx& ctx) {
        propagators(ctx, P, Q);
        prepared_dt_ = ctx.dt();
    }

    /// P = exp(M·dt) and Q = ∫₀^dt exp(M·s) ds for the coupling matrix M evaluated in `ctx`.
    template <class Ctx>
    static void propagators(Ctx& ctx, small_matrix<n>& p, small_matrix<n>& q) {
        const double dt = ctx.dt();
        small_matrix<2 * n> augmented{};  // [[M dt, I dt], [0, 0]]: exp gives [[P, Q], [0, I]]
        detail::for_each_index<n>([&](auto j) {
            detail::for_each_index<n>(
                [&](auto k) { augmented[j][k] = std::get<k>(std::get<j>(jacobian)).eval(ctx) * dt; });
            augmented[j][n + j] = dt;
        });
        const auto e = matrix_exponential(augmented);
        for (std::size_t j = 0; j < n; ++j)
            for (std::size_t k = 0; k < n; ++k) p[j][k] = e[j][k], q[j][k] = e[j][n + k];
    }

    template <class Ctx, class R>
    void advance(Ctx& ctx, R* x) const {
        R next[n];
        if constexpr (coupled) {
            R c[n]{};
            if constexpr (!affine_part_hoisted)
                detail::for_each_index<n>([&](auto j) {
                    if constexpr (offset_hoisted<j>) c[j] = static_cast<R>(hoisted_c[j]);
                    else c[j] = std::get<j>(offsets).eval(ctx);
                });
            small_matrix<n> pe, qe;  // this element's own, when the matrix differs per element
            if constexpr (!jacobian_element_independent) propagators(ctx, pe, qe);
            const small_matrix<n>& p = jacobian_element_independent ? P : pe;
            const small_matrix<n>& q = jacobian_element_independent ? Q : qe;
            detail::for_each_index<n>([&](auto j) {
                R v = 0;
                detail::for_each_index<n>([&](auto k) {
                    if constexpr (reach[j][k]) {
                        v += static_cast<R>(p[j][k]) * x[k];
                        if constexpr (!affine_part_hoisted && !offset_is_zero<k>) v += static_cast<R>(q[j][k]) * c[k];
                    }
                });
                if constexpr (affine_part_hoisted) v += static_cast<R>(hoisted_qc[j]);
                next[j] = v;
            });
        } else {
            detail::for_each_index<n>([&](auto j) {
                using form = typename base::template form_t<j>;
                const auto& f = std::get<j>(base::forms);
                if constexpr (expr::is_zero<decltype(form::slope)>) {
                    next[j] = x[j] + static_cast<R>(ctx.dt()) * (f.offset.eval(ctx) / f.den.eval(ctx));
                } else {
                    const R p = static_cast<R>(base::template hoistable<j> ? this->hoisted_exp[j]
                                                                           : base::template propagator<j>(ctx));
                    if constexpr (expr::is_zero<decltype(form::offset)>) {
                        next[j] = x[j] * p;
                    } else {
                        const R b_over_a = static_cast<R>(
                            base::template offset_hoistable<j> ? this->hoisted_ratio[j] : base::template ratio<j>(ctx));
                        const R x_inf = -b_over_a;
                        next[j] = x_inf + x[j] * p + (-x_inf) * p;
                    }
                }
            });
        }
        for (std::size_t j = 0; j < n; ++j) x[j] = next[j];
    }

  private:
    double prepared_dt_ = -1.0;
};

}  // namespace brian
