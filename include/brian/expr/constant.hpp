#pragma once

#include <boost/units/is_quantity.hpp>

#include "brian/expr/node.hpp"

namespace brian::expr {

/// A quantity written in an expression (`-49_mV`, `1.5`): its SI value is folded into the
/// generated code.
template <class U>
struct constant {
    static constexpr bool is_expression = true;
    using unit = U;
    double value;
    template <class Ctx>
    constexpr real_of<Ctx> eval(Ctx&) const {
        return static_cast<real_of<Ctx>>(value);
    }
};

/// An exact zero of unit `U`, known from the type. Produced by the analyses (a derivative
/// of an expression that does not involve the variable) so that simplification can drop it.
template <class U>
struct zero {
    static constexpr bool is_expression = true;
    using unit = U;
    template <class Ctx>
    constexpr real_of<Ctx> eval(Ctx&) const {
        return 0;
    }
};

/// An exact dimensionless one, known from the type (dx/dx).
struct one {
    static constexpr bool is_expression = true;
    using unit = dimensionless_t;
    template <class Ctx>
    constexpr real_of<Ctx> eval(Ctx&) const {
        return 1;
    }
};

template <class E>
inline constexpr bool is_constant_impl = false;
template <class U>
inline constexpr bool is_constant_impl<constant<U>> = true;

template <class E>
inline constexpr bool is_constant = is_constant_impl<std::remove_cvref_t<E>>;

template <class E>
inline constexpr bool is_zero_impl = false;
template <class U>
inline constexpr bool is_zero_impl<zero<U>> = true;

template <class E>
inline constexpr bool is_zero = is_zero_impl<std::remove_cvref_t<E>>;

template <class E>
inline constexpr bool is_one = std::is_same_v<std::remove_cvref_t<E>, one>;

/// The value of a node that is known at compile time (constant, zero, one).
template <class E>
constexpr double known_value(const E& e) {
    if constexpr (is_constant<E>) return e.value;
    else if constexpr (is_one<E>) return 1.0;
    else return 0.0;
}

template <class E>
inline constexpr bool is_known = is_constant<E> || is_zero<E> || is_one<E>;

/// What may stand in an expression: an expression, a quantity, a unit or a plain number.
template <class T>
concept Operand = Expression<T> || std::is_arithmetic_v<std::remove_cvref_t<T>> ||
                  bu::is_quantity<std::remove_cvref_t<T>>::value ||
                  requires { typename std::remove_cvref_t<T>::unit_type; };

/// Turns an operand into an expression node: quantities and numbers become constants.
template <Operand T>
constexpr auto as_expr(const T& x) {
    using V = std::remove_cvref_t<T>;
    if constexpr (Expression<V>) return x;
    else if constexpr (std::is_arithmetic_v<V>) return constant<dimensionless_t>{static_cast<double>(x)};
    else if constexpr (bu::is_quantity<V>::value)
        return constant<typename V::unit_type>{static_cast<double>(x.value())};
    else return constant<typename V::unit_type>{1.0};
}

template <class T>
using expr_t = decltype(as_expr(std::declval<const T&>()));

/// The unit an operand has in an expression.
template <class T>
using operand_unit = unit_of<expr_t<T>>;

/// True when at least one operand is an expression: the DSL's operators apply then, and
/// plain quantity arithmetic stays Boost.Units'.
template <class... T>
concept AnyExpression = (Expression<T> || ...);

}  // namespace brian::expr
