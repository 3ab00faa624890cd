#pragma once

#include <type_traits>
#include <utility>

#include "brian/detail/mul_add.hpp"
#include "brian/expr/constant.hpp"

namespace brian::expr {

// The operations compute in their operands' type (double, or float where a context
// computes in float: real_of), with C++'s promotions when the two differ.
namespace op {
struct mul {
    template <class A, class B>
    using result_unit = decltype(A{} * B{});
    template <class A, class B>
    static constexpr auto apply(A a, B b) {
        return a * b;
    }
};
struct div {
    template <class A, class B>
    using result_unit = decltype(A{} / B{});
    template <class A, class B>
    static constexpr auto apply(A a, B b) {
        return a / b;
    }
    /// x / c for a constant c is x · (1/c), the reciprocal rounded once at compile time
    /// (within 1.5 ulp of x / c instead of 0.5): a vector division costs as much as eight
    /// multiplications or more, and the neuron loops of models like COBA divide by time
    /// constants several times per neuron. Brian 2's standalone code (-ffast-math) does
    /// the same.
    template <class A, class B, class Ctx>
        requires is_constant<B>
    BRIAN_ALWAYS_INLINE static constexpr auto eval_node(const A& a, const B& b, Ctx& ctx) {
        return a.eval(ctx) * static_cast<real_of<Ctx>>(1.0 / b.value);
    }
};

/// A node that evaluates as a product x·y: a multiplication, or a division by a constant.
template <class E>
inline constexpr bool is_product = is_node_of<E, mul>;
template <class E>
    requires is_node_of<E, div>
inline constexpr bool is_product<E> = is_constant<decltype(E::b)>;

/// The two factors of a product node, evaluated left to right (a division by a constant
/// c gives its dividend and 1/c, rounded once at compile time, as op::div evaluates it).
template <class E, class Ctx>
BRIAN_ALWAYS_INLINE constexpr auto factors(const E& e, Ctx& ctx) {
    const auto x = e.a.eval(ctx);
    if constexpr (is_node_of<E, mul>) return std::pair{x, e.b.eval(ctx)};
    else return std::pair{x, static_cast<real_of<Ctx>>(1.0 / e.b.value)};
}

/// x·y + z as one mul_add: fused where the build targets hardware FMA
/// (detail/mul_add.hpp), rounded once instead of twice.
template <class X, class Y, class Z>
BRIAN_ALWAYS_INLINE constexpr auto fused_mul_add(X x, Y y, Z z) {
    using T = decltype(x * y + z);
    if constexpr (std::is_floating_point_v<T>) return detail::mul_add(T(x), T(y), T(z));
    else return x * y + z;
}

// Sums and differences with a product operand evaluate as fused_mul_add; operands are
// still evaluated left to right, as for any node (random draws).
struct add {
    template <class A, class B>
    using result_unit = A;
    template <class A, class B>
    static constexpr auto apply(A a, B b) {
        return a + b;
    }
    template <class A, class B, class Ctx>
        requires is_product<A> || is_product<B>
    BRIAN_ALWAYS_INLINE static constexpr auto eval_node(const A& a, const B& b, Ctx& ctx) {
        if constexpr (is_product<A>) {  // x·y + z
            const auto [x, y] = factors(a, ctx);
            return fused_mul_add(x, y, b.eval(ctx));
        } else {  // z + x·y
            const auto z = a.eval(ctx);
            const auto [x, y] = factors(b, ctx);
            return fused_mul_add(x, y, z);
        }
    }
};
struct sub {
    template <class A, class B>
    using result_unit = A;
    template <class A, class B>
    static constexpr auto apply(A a, B b) {
        return a - b;
    }
    template <class A, class B, class Ctx>
        requires is_product<A> || is_product<B>
    BRIAN_ALWAYS_INLINE static constexpr auto eval_node(const A& a, const B& b, Ctx& ctx) {
        if constexpr (is_product<A>) {  // x·y - z
            const auto [x, y] = factors(a, ctx);
            return fused_mul_add(x, y, -b.eval(ctx));
        } else {  // z - x·y
            const auto z = a.eval(ctx);
            const auto [x, y] = factors(b, ctx);
            return fused_mul_add(-x, y, z);
        }
    }
};
struct neg {
    template <class A>
    using result_unit = A;
    template <class A>
    static constexpr auto apply(A a) {
        return -a;
    }
};
}  // namespace op

// Builders that simplify as they build: exact zeros and ones from the analyses vanish and
// known values fold into one constant, so a derivative like d/dv of (El - v)/taum comes
// out as the constant -1/taum rather than a tree of (0 - 1)/taum.

template <Expression A>
constexpr auto make_neg(const A& a) {
    if constexpr (is_zero<A>) return a;
    else if constexpr (is_known<A>) return constant<unit_of<A>>{-known_value(a)};
    else if constexpr (is_node_of<A, op::neg>) return a.a;
    else return make_node<op::neg>(a);
}

template <Expression A, Expression B>
constexpr auto make_add(const A& a, const B& b) {
    if constexpr (is_zero<A>) return b;
    else if constexpr (is_zero<B>) return a;
    else if constexpr (is_known<A> && is_known<B>) return constant<unit_of<A>>{known_value(a) + known_value(b)};
    else return make_node<op::add>(a, b);
}

template <Expression A, Expression B>
constexpr auto make_sub(const A& a, const B& b) {
    if constexpr (is_zero<B>) return a;
    else if constexpr (is_zero<A>) return make_neg(b);
    else if constexpr (is_known<A> && is_known<B>) return constant<unit_of<A>>{known_value(a) - known_value(b)};
    else return make_node<op::sub>(a, b);
}

template <Expression A, Expression B>
constexpr auto make_mul(const A& a, const B& b) {
    using U = op::mul::result_unit<unit_of<A>, unit_of<B>>;
    if constexpr (is_zero<A> || is_zero<B>) return zero<U>{};
    else if constexpr (is_one<A> && std::is_same_v<unit_of<B>, U>) return b;
    else if constexpr (is_one<B> && std::is_same_v<unit_of<A>, U>) return a;
    else if constexpr (is_known<A> && is_known<B>) return constant<U>{known_value(a) * known_value(b)};
    else return make_node<op::mul>(a, b);
}

template <Expression A, Expression B>
constexpr auto make_div(const A& a, const B& b) {
    using U = op::div::result_unit<unit_of<A>, unit_of<B>>;
    if constexpr (is_zero<A> && !is_zero<B>) return zero<U>{};
    else if constexpr (is_one<B>) return a;
    else if constexpr (is_known<A> && is_constant<B>) return constant<U>{known_value(a) / b.value};
    else return make_node<op::div>(a, b);
}

namespace expr_detail {

template <class UA, class UB>
constexpr message_text arithmetic_error(std::string_view verb, std::string_view joiner) {
    constexpr auto a = unit_label<UA>();
    constexpr auto b = unit_label<UB>();
    if constexpr (std::is_same_v<UA, boolean_unit> || std::is_same_v<UB, boolean_unit>)
        return message("brian: cannot ", verb, " ", a.view(), " ", joiner, " ", b.view(),
                       ": a condition is not a number, convert it with int_(condition)");
    else return message("brian: cannot ", verb, " ", a.view(), " ", joiner, " ", b.view());
}

template <class A, class B>
concept Numbers = !std::is_same_v<operand_unit<A>, boolean_unit> && !std::is_same_v<operand_unit<B>, boolean_unit>;

template <class A, class B>
concept SameUnitNumbers = Numbers<A, B> && std::is_same_v<operand_unit<A>, operand_unit<B>>;

}  // namespace expr_detail

/// `a + b`: both sides must have one unit.
template <Operand A, Operand B>
    requires AnyExpression<A, B> && expr_detail::SameUnitNumbers<A, B>
constexpr auto operator+(const A& a, const B& b) {
    return make_add(as_expr(a), as_expr(b));
}
template <Operand A, Operand B>
    requires AnyExpression<A, B> && (!expr_detail::SameUnitNumbers<A, B>)
error<expr_detail::arithmetic_error<operand_unit<A>, operand_unit<B>>("add", "and")> operator+(const A&, const B&);

/// `a - b`: both sides must have one unit.
template <Operand A, Operand B>
    requires AnyExpression<A, B> && expr_detail::SameUnitNumbers<A, B>
constexpr auto operator-(const A& a, const B& b) {
    return make_sub(as_expr(a), as_expr(b));
}
template <Operand A, Operand B>
    requires AnyExpression<A, B> && (!expr_detail::SameUnitNumbers<A, B>)
error<expr_detail::arithmetic_error<operand_unit<B>, operand_unit<A>>("subtract", "from")> operator-(const A&,
                                                                                                     const B&);

/// `a * b`: units multiply.
template <Operand A, Operand B>
    requires AnyExpression<A, B> && expr_detail::Numbers<A, B>
constexpr auto operator*(const A& a, const B& b) {
    return make_mul(as_expr(a), as_expr(b));
}
template <Operand A, Operand B>
    requires AnyExpression<A, B> && (!expr_detail::Numbers<A, B>)
error<expr_detail::arithmetic_error<operand_unit<A>, operand_unit<B>>("multiply", "and")> operator*(const A&, const B&);

/// `a / b`: units divide.
template <Operand A, Operand B>
    requires AnyExpression<A, B> && expr_detail::Numbers<A, B>
constexpr auto operator/(const A& a, const B& b) {
    return make_div(as_expr(a), as_expr(b));
}
template <Operand A, Operand B>
    requires AnyExpression<A, B> && (!expr_detail::Numbers<A, B>)
error<expr_detail::arithmetic_error<operand_unit<A>, operand_unit<B>>("divide", "by")> operator/(const A&, const B&);

/// `-a`.
template <Expression A>
    requires(!is_boolean<A>)
constexpr auto operator-(const A& a) {
    return make_neg(a);
}
template <Expression A>
    requires is_boolean<A>
error<"brian: cannot negate a condition: use `not` (!) for booleans, or int_(condition)"> operator-(const A&);

/// `+a` is `a`.
template <Expression A>
constexpr A operator+(const A& a) {
    return a;
}

}  // namespace brian::expr
