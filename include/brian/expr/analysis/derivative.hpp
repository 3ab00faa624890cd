#pragma once

#include <numbers>

#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/functions.hpp"
#include "brian/expr/logic.hpp"

namespace brian::expr {

/// The symbolic partial derivative of `e` with respect to the symbol `X`, as an expression
/// (unit: unit(e) / unit(X)). Terms that do not involve X vanish at compile time, so
/// d/dv of (ge - (v - El)) / taum is the constant -1/taum. The exponential-Euler and
/// exact integrators read their linear coefficients from it.
template <class X, Expression E>
constexpr auto derivative(const E& e);

namespace expr_detail {

template <class X, class Op, class... Args>
constexpr auto derivative_of_node(const node<Op, Args...>& n) {
    using U = decltype(unit_of<node<Op, Args...>>{} / unit_of<X>{});
    if constexpr (!depends_on<node<Op, Args...>, X>) {
        return zero<U>{};
    } else if constexpr (std::is_same_v<Op, op::add>) {
        return make_add(derivative<X>(n.a), derivative<X>(n.b));
    } else if constexpr (std::is_same_v<Op, op::sub>) {
        return make_sub(derivative<X>(n.a), derivative<X>(n.b));
    } else if constexpr (std::is_same_v<Op, op::neg>) {
        return make_neg(derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::mul>) {
        return make_add(make_mul(derivative<X>(n.a), n.b), make_mul(n.a, derivative<X>(n.b)));
    } else if constexpr (std::is_same_v<Op, op::div>) {
        // (a/b)' = a'/b - a b'/b^2
        return make_sub(make_div(derivative<X>(n.a), n.b),
                        make_div(make_mul(n.a, derivative<X>(n.b)), make_mul(n.b, n.b)));
    } else if constexpr (requires { Op::num; }) {  // x^(p/q)
        constexpr double p = static_cast<double>(Op::num) / Op::den;
        return make_mul(make_mul(constant<dimensionless_t>{p}, pow<Op::num - Op::den, Op::den>(n.a)),
                        derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::exp>) {
        return make_mul(n, derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::log>) {
        return make_div(derivative<X>(n.a), n.a);
    } else if constexpr (std::is_same_v<Op, op::log10>) {
        return make_div(derivative<X>(n.a), make_mul(constant<dimensionless_t>{std::numbers::ln10}, n.a));
    } else if constexpr (std::is_same_v<Op, op::sin>) {
        return make_mul(cos(n.a), derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::cos>) {
        return make_neg(make_mul(sin(n.a), derivative<X>(n.a)));
    } else if constexpr (std::is_same_v<Op, op::tan>) {
        return make_div(derivative<X>(n.a), pow<2>(cos(n.a)));
    } else if constexpr (std::is_same_v<Op, op::sinh>) {
        return make_mul(cosh(n.a), derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::cosh>) {
        return make_mul(sinh(n.a), derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::tanh>) {
        return make_mul(make_sub(one{}, pow<2>(n)), derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::arcsin>) {
        return make_div(derivative<X>(n.a), sqrt(make_sub(one{}, pow<2>(n.a))));
    } else if constexpr (std::is_same_v<Op, op::arccos>) {
        return make_neg(make_div(derivative<X>(n.a), sqrt(make_sub(one{}, pow<2>(n.a)))));
    } else if constexpr (std::is_same_v<Op, op::arctan>) {
        return make_div(derivative<X>(n.a), make_add(one{}, pow<2>(n.a)));
    } else if constexpr (std::is_same_v<Op, op::exprel>) {
        // exprel'(u) = (u e^u - e^u + 1) / u^2
        const auto eu = exp(n.a);
        return make_mul(make_div(make_add(make_sub(make_mul(n.a, eu), eu), one{}), pow<2>(n.a)), derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::abs>) {
        return make_mul(sign(n.a), derivative<X>(n.a));
    } else if constexpr (std::is_same_v<Op, op::where>) {
        return make_node<op::where>(n.a, derivative<X>(n.b), derivative<X>(n.c));
    } else if constexpr (std::is_same_v<Op, op::clip>) {
        return make_node<op::where>(n.a < n.b, derivative<X>(n.b),
                                    make_node<op::where>(n.a > n.c, derivative<X>(n.c), derivative<X>(n.a)));
    } else {
        // floor, ceil, sign, int, comparisons: piecewise constant, derivative zero almost
        // everywhere. (Linearity checks treat them as non-linear: see linearity.hpp.)
        return zero<U>{};
    }
}

}  // namespace expr_detail

template <class X, Expression E>
constexpr auto derivative(const E& e) {
    using U = decltype(unit_of<E>{} / unit_of<X>{});
    if constexpr (same_symbol<E, X> || (!is_symbol<X> && std::is_same_v<E, std::remove_cvref_t<X>>)) return one{};
    else if constexpr (is_node<E>) return expr_detail::derivative_of_node<X>(e);
    else return zero<U>{};
}

}  // namespace brian::expr
