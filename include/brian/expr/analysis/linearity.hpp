#pragma once

#include "brian/expr/analysis/derivative.hpp"
#include "brian/expr/analysis/substitute.hpp"

namespace brian::expr {

namespace expr_detail {

// Operations whose result jumps or is not smooth in their arguments: an expression that
// passes X through one of them is not linear in X even where its derivative looks so.
template <class Op>
inline constexpr bool is_nonsmooth = std::is_same_v<Op, op::abs> || std::is_same_v<Op, op::floor> ||
                                     std::is_same_v<Op, op::ceil> || std::is_same_v<Op, op::sign> ||
                                     std::is_same_v<Op, op::int_> || std::is_same_v<Op, op::clip> ||
                                     std::is_same_v<Op, op::where> || std::is_same_v<Op, op::lt> ||
                                     std::is_same_v<Op, op::le> || std::is_same_v<Op, op::gt> ||
                                     std::is_same_v<Op, op::ge> || std::is_same_v<Op, op::eq> ||
                                     std::is_same_v<Op, op::ne>;

template <class E, class X>
inline constexpr bool nonsmooth_in = [] {
    if constexpr (is_node<E>) {
        if constexpr (is_nonsmooth<typename E::op> && depends_on<E, X>) return true;
        else return []<class... A>(type_list<A...>) { return (nonsmooth_in<A, X> || ...); }(typename E::args{});
    } else {
        return false;
    }
}();

}  // namespace expr_detail

/// Whether `E` is linear (affine) in `X`: E = A·X + B with A and B free of X.
template <class E, class X>
inline constexpr bool is_linear_in = !expr_detail::nonsmooth_in<E, X> &&
                                     !depends_on<decltype(derivative<X>(std::declval<const E&>())), X>;

/// The coefficients of `e = a·X + b` for an expression linear in `X`: `a` is the
/// derivative, `b` is `e` with X set to zero.
template <class X, Expression E>
    requires is_linear_in<E, X>
constexpr auto linear_coefficients(const E& e) {
    struct coefficients {
        decltype(derivative<X>(e)) a;
        decltype(substitute<X>(e, zero<unit_of<X>>{})) b;
    };
    return coefficients{derivative<X>(e), substitute<X>(e, zero<unit_of<X>>{})};
}

namespace expr_detail {
template <class E, class Y, class... Xs>
inline constexpr bool coefficient_free_of = !(depends_on<decltype(derivative<Y>(std::declval<const E&>())), Xs> || ...);
}  // namespace expr_detail

/// Whether `E` is linear in all of `Xs` jointly: no product of two of them, no
/// coefficient that involves any of them (a linear system: `method::exact` applies).
template <class E, class... Xs>
inline constexpr bool is_linear_in_all = (!expr_detail::nonsmooth_in<E, Xs> && ...) &&
                                         (expr_detail::coefficient_free_of<E, Xs, Xs...> && ...);

}  // namespace brian::expr
