#pragma once

#include <cmath>

#include <boost/units/pow.hpp>
#include <boost/units/static_rational.hpp>

#include "brian/detail/vector_math.hpp"
#include "brian/expr/arithmetic.hpp"

namespace brian::expr {

namespace op {

/// A function of a dimensionless number (exp, log, sin ...), dimensionless result.
template <class Tag>
struct transcendental {
    template <class A>
    using result_unit = dimensionless_t;
    static constexpr const char* name = Tag::name;
    // Always inlined: a call in an element loop stops the vectoriser.
    BRIAN_ALWAYS_INLINE static double apply(double x) { return Tag::f(x); }
    // A float argument (the loop of a group of precision<float>): the float version where
    // the function has one (exp, exprel), else the double one.
    BRIAN_ALWAYS_INLINE static auto apply(float x) {
        if constexpr (requires { Tag::f_float(x); }) return Tag::f_float(x);
        else return Tag::f(x);
    }
};

#define BRIAN_TRANSCENDENTAL(fn, expression)                                 \
    struct fn##_tag {                                                        \
        static constexpr const char* name = #fn;                             \
        BRIAN_ALWAYS_INLINE static double f(double x) { return expression; } \
    };                                                                       \
    using fn = transcendental<fn##_tag>;
// The same, with a float version (brian's own single-precision function).
#define BRIAN_TRANSCENDENTAL_WITH_FLOAT(fn, expression)                          \
    struct fn##_tag {                                                            \
        static constexpr const char* name = #fn;                                 \
        BRIAN_ALWAYS_INLINE static double f(double x) { return expression; }     \
        BRIAN_ALWAYS_INLINE static float f_float(float x) { return expression; } \
    };                                                                           \
    using fn = transcendental<fn##_tag>;
// exp and exprel: brian's own (brian/detail/vector_math.hpp), which vectorise and are
// within 1 ulp (exprel 1.6 ulp) of the exact value, in double and in float; the others
// are libm's, in double.
BRIAN_TRANSCENDENTAL_WITH_FLOAT(exp, detail::exp(x))
BRIAN_TRANSCENDENTAL(log, std::log(x))
BRIAN_TRANSCENDENTAL(log10, std::log10(x))
BRIAN_TRANSCENDENTAL(sin, std::sin(x))
BRIAN_TRANSCENDENTAL(cos, std::cos(x))
BRIAN_TRANSCENDENTAL(tan, std::tan(x))
BRIAN_TRANSCENDENTAL(sinh, std::sinh(x))
BRIAN_TRANSCENDENTAL(cosh, std::cosh(x))
BRIAN_TRANSCENDENTAL(tanh, std::tanh(x))
BRIAN_TRANSCENDENTAL(arcsin, std::asin(x))
BRIAN_TRANSCENDENTAL(arccos, std::acos(x))
BRIAN_TRANSCENDENTAL(arctan, std::atan(x))
BRIAN_TRANSCENDENTAL_WITH_FLOAT(exprel, detail::exprel(x))
#undef BRIAN_TRANSCENDENTAL
#undef BRIAN_TRANSCENDENTAL_WITH_FLOAT

/// Functions that keep their argument's unit.
struct abs {
    template <class A>
    using result_unit = A;
    static constexpr const char* name = "abs";
    static double apply(double x) { return std::abs(x); }
};
struct floor {
    template <class A>
    using result_unit = A;
    static constexpr const char* name = "floor";
    static double apply(double x) { return std::floor(x); }
};
struct ceil {
    template <class A>
    using result_unit = A;
    static constexpr const char* name = "ceil";
    static double apply(double x) { return std::ceil(x); }
};
struct sign {
    template <class A>
    using result_unit = dimensionless_t;
    static constexpr const char* name = "sign";
    static constexpr double apply(double x) { return static_cast<double>((x > 0.0) - (x < 0.0)); }
};
/// Brian's `int(x)`: truncation toward zero of a number, 0/1 of a condition.
struct int_ {
    template <class A>
    using result_unit = dimensionless_t;
    static constexpr const char* name = "int";
    static double apply(double x) { return std::trunc(x); }
    static constexpr double apply(bool c) { return c ? 1.0 : 0.0; }
};
struct clip {
    template <class A, class Lo, class Hi>
    using result_unit = A;
    static constexpr const char* name = "clip";
    static constexpr double apply(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }
};
/// `x^(Num/Den)` with a compile-time exponent: units follow (sqrt halves exponents).
template <int Num, int Den>
struct power {
    template <class A>
    using result_unit = decltype(bu::pow<bu::static_rational<Num, Den>>(A{}));
    static constexpr int num = Num, den = Den;
    static constexpr double apply(double x) {  // constant-evaluable for the integer powers
        if constexpr (Den == 1 && Num == 2) return x * x;
        else if constexpr (Den == 1 && Num == 3) return x * x * x;
        else if constexpr (Den == 1 && Num == -1) return 1.0 / x;
        else if constexpr (Den == 2 && Num == 1) return std::sqrt(x);
        else return std::pow(x, static_cast<double>(Num) / Den);
    }
};
/// `x ** y` of dimensionless numbers, the exponent known only at run time.
struct pow {
    template <class A, class B>
    using result_unit = dimensionless_t;
    static constexpr const char* name = "pow";
    static double apply(double x, double y) { return std::pow(x, y); }
};

}  // namespace op

namespace expr_detail {
template <class U>
constexpr message_text dimensionless_argument_error(std::string_view fn) {
    if constexpr (std::is_same_v<U, boolean_unit>)
        return message("brian: ", fn, " needs a number, got a condition: convert it with int_(condition)");
    else
        return message("brian: ", fn, " needs a dimensionless argument, got ", unit_label<U>().view(),
                       ": divide by a quantity of that unit first");
}
template <class A>
concept Number = !std::is_same_v<operand_unit<A>, boolean_unit>;
template <class A>
concept DimensionlessNumber = std::is_same_v<operand_unit<A>, dimensionless_t>;
}  // namespace expr_detail

#define BRIAN_TRANSCENDENTAL(fn)                       \
    /** `fn(x)` of a dimensionless expression. */      \
    template <Expression A>                            \
        requires expr_detail::DimensionlessNumber<A>   \
    constexpr auto fn(const A& a) {                    \
        return make_node<op::fn>(a);                   \
    }                                                  \
    template <Expression A>                            \
        requires(!expr_detail::DimensionlessNumber<A>) \
    error<expr_detail::dimensionless_argument_error<unit_of<A>>(#fn)> fn(const A&);
BRIAN_TRANSCENDENTAL(exp)
BRIAN_TRANSCENDENTAL(log)
BRIAN_TRANSCENDENTAL(log10)
BRIAN_TRANSCENDENTAL(sin)
BRIAN_TRANSCENDENTAL(cos)
BRIAN_TRANSCENDENTAL(tan)
BRIAN_TRANSCENDENTAL(sinh)
BRIAN_TRANSCENDENTAL(cosh)
BRIAN_TRANSCENDENTAL(tanh)
BRIAN_TRANSCENDENTAL(arcsin)
BRIAN_TRANSCENDENTAL(arccos)
BRIAN_TRANSCENDENTAL(arctan)
BRIAN_TRANSCENDENTAL(exprel)
#undef BRIAN_TRANSCENDENTAL

#define BRIAN_UNIT_PRESERVING(fn)         \
    template <Expression A>               \
        requires expr_detail::Number<A>   \
    constexpr auto fn(const A& a) {       \
        return make_node<op::fn>(a);      \
    }                                     \
    template <Expression A>               \
        requires(!expr_detail::Number<A>) \
    error<"brian: " #fn " needs a number, got a condition: convert it with int_(condition)"> fn(const A&);
/// `abs(x)`, `floor(x)`, `ceil(x)` keep the unit; `sign(x)` is -1, 0 or 1.
BRIAN_UNIT_PRESERVING(abs)
BRIAN_UNIT_PRESERVING(floor)
BRIAN_UNIT_PRESERVING(ceil)
BRIAN_UNIT_PRESERVING(sign)
#undef BRIAN_UNIT_PRESERVING

/// `int_(x)`: Brian's `int()`, of a condition (0 or 1) or a dimensionless number.
template <Expression A>
    requires expr_detail::DimensionlessNumber<A> || is_boolean<A>
constexpr auto int_(const A& a) {
    return make_node<op::int_>(a);
}
template <Expression A>
    requires(!expr_detail::DimensionlessNumber<A> && !is_boolean<A>)
error<expr_detail::dimensionless_argument_error<unit_of<A>>("int_")> int_(const A&);

namespace expr_detail {
template <class X, class Lo, class Hi>
constexpr message_text clip_error() {
    return message("brian: clip(x, low, high) needs one unit for all three, got ", unit_label<operand_unit<X>>().view(),
                   ", ", unit_label<operand_unit<Lo>>().view(), " and ", unit_label<operand_unit<Hi>>().view());
}
template <class X, class Lo, class Hi>
concept ValidClip = SameUnitNumbers<X, Lo> && SameUnitNumbers<X, Hi>;
}  // namespace expr_detail

/// `clip(x, low, high)`: x limited to [low, high], all three in one unit.
template <Operand X, Operand Lo, Operand Hi>
    requires AnyExpression<X, Lo, Hi> && expr_detail::ValidClip<X, Lo, Hi>
constexpr auto clip(const X& x, const Lo& lo, const Hi& hi) {
    return make_node<op::clip>(as_expr(x), as_expr(lo), as_expr(hi));
}
template <Operand X, Operand Lo, Operand Hi>
    requires AnyExpression<X, Lo, Hi> && (!expr_detail::ValidClip<X, Lo, Hi>)
error<expr_detail::clip_error<X, Lo, Hi>()> clip(const X&, const Lo&, const Hi&);

/// `pow<N>(x)`, `pow<N, D>(x)`: x to a compile-time rational power; units follow.
template <int Num, int Den = 1, Expression A>
    requires expr_detail::Number<A> && (Den > 0)
constexpr auto pow(const A& a) {
    if constexpr (Num == 0) return one{};
    else if constexpr (Num == Den) return a;
    else return make_node<op::power<Num, Den>>(a);
}

template <int Num, int Den = 1, Expression A>
    requires(!expr_detail::Number<A>)
error<"brian: pow<N>(x) needs a number, got a condition: convert it with int_(condition)"> pow(const A&);

/// `sqrt(x)`: halves the unit's exponents (sqrt of m^2 is m).
template <Expression A>
    requires expr_detail::Number<A>
constexpr auto sqrt(const A& a) {
    return pow<1, 2>(a);
}
template <Expression A>
    requires(!expr_detail::Number<A>)
error<"brian: sqrt needs a number, got a condition: convert it with int_(condition)"> sqrt(const A&);

/// `pow(x, y)` with a run-time exponent: only for a dimensionless base, since the unit of
/// the result must be known at compile time.
template <Operand A, Operand B>
    requires AnyExpression<A, B> && expr_detail::DimensionlessNumber<A> && expr_detail::DimensionlessNumber<B>
constexpr auto pow(const A& a, const B& b) {
    return make_node<op::pow>(as_expr(a), as_expr(b));
}
template <Operand A, Operand B>
    requires AnyExpression<A, B> && (!expr_detail::DimensionlessNumber<A> || !expr_detail::DimensionlessNumber<B>)
error<expr_detail::message("brian: pow(x, y) with a run-time exponent needs dimensionless x and y, got ",
                           expr_detail::unit_label<operand_unit<A>>().view(), " and ",
                           expr_detail::unit_label<operand_unit<B>>().view(),
                           ": for a dimensioned base write pow<2>(x) (compile-time exponent)")> pow(const A&, const B&);

}  // namespace brian::expr

// Arguments of expression types carry Boost units in their template arguments, so
// argument-dependent lookup also finds Boost's `pow<N>(const Y&)`, which accepts any type.
// Taking expressions out of its domain leaves `brian::expr::pow<N>` the only candidate.
namespace boost::units {
template <brian::expr::Expression Y, long N, long D>
struct power_typeof_helper<Y, static_rational<N, D>> {};
template <brian::expr::Expression Y, long N, long D>
struct root_typeof_helper<Y, static_rational<N, D>> {};
}  // namespace boost::units
