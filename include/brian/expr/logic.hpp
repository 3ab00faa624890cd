#pragma once

#include <functional>

#include "brian/expr/arithmetic.hpp"

namespace brian::expr {

namespace op {
template <class Cmp, char... Spelling>
struct comparison {
    template <class A, class B>
    using result_unit = boolean_unit;
    static constexpr char spelling[] = {Spelling..., '\0'};
    template <class A, class B>
    static constexpr bool apply(A a, B b) {
        return Cmp{}(a, b);
    }
};
using lt = comparison<std::less<>, '<'>;
using le = comparison<std::less_equal<>, '<', '='>;
using gt = comparison<std::greater<>, '>'>;
using ge = comparison<std::greater_equal<>, '>', '='>;
using eq = comparison<std::equal_to<>, '=', '='>;
using ne = comparison<std::not_equal_to<>, '!', '='>;

// `and`/`or` evaluate both sides (no short circuit): branch-free, and every rand() in a
// condition draws the same number of times whatever the values.
struct and_ {
    template <class A, class B>
    using result_unit = boolean_unit;
    static constexpr bool apply(bool a, bool b) { return a & b; }
};
struct or_ {
    template <class A, class B>
    using result_unit = boolean_unit;
    static constexpr bool apply(bool a, bool b) { return a | b; }
};
struct not_ {
    template <class A>
    using result_unit = boolean_unit;
    static constexpr bool apply(bool a) { return !a; }
};
/// `where(c, a, b)`: Brian's select, `c ? a : b`.
struct where {
    template <class C, class A, class B>
    using result_unit = A;
    template <class A, class B>
    static constexpr auto apply(bool c, A a, B b) {
        return c ? a : b;
    }
};
}  // namespace op

namespace expr_detail {

template <class UA, class UB>
constexpr message_text comparison_error() {
    constexpr auto a = unit_label<UA>();
    constexpr auto b = unit_label<UB>();
    return message("brian: cannot compare ", a.view(), " with ", b.view());
}

template <class UA, class UB>
constexpr message_text logic_error(std::string_view op) {
    constexpr auto a = unit_label<UA>();
    constexpr auto b = unit_label<UB>();
    return message("brian: `", op, "` needs two conditions, got ", a.view(), " and ", b.view(),
                   ": compare numbers first (e.g. v > Vt)");
}

template <class A, class B>
concept Conditions = std::is_same_v<operand_unit<A>, boolean_unit> && std::is_same_v<operand_unit<B>, boolean_unit>;

}  // namespace expr_detail

#define BRIAN_COMPARISON(symbol, tag)                                         \
    template <Operand A, Operand B>                                           \
        requires AnyExpression<A, B> && expr_detail::SameUnitNumbers<A, B>    \
    constexpr auto operator symbol(const A& a, const B& b) {                  \
        return make_node<op::tag>(as_expr(a), as_expr(b));                    \
    }                                                                         \
    template <Operand A, Operand B>                                           \
        requires AnyExpression<A, B> && (!expr_detail::SameUnitNumbers<A, B>) \
    error<expr_detail::comparison_error<operand_unit<A>, operand_unit<B>>()> operator symbol(const A&, const B&);

/// Comparisons need one unit on both sides and give a condition.
BRIAN_COMPARISON(<, lt)
BRIAN_COMPARISON(<=, le)
BRIAN_COMPARISON(>, gt)
BRIAN_COMPARISON(>=, ge)
BRIAN_COMPARISON(==, eq)
BRIAN_COMPARISON(!=, ne)
#undef BRIAN_COMPARISON

/// `a && b` (also spelled `a and b`), on conditions.
template <Operand A, Operand B>
    requires AnyExpression<A, B> && expr_detail::Conditions<A, B>
constexpr auto operator&&(const A& a, const B& b) {
    return make_node<op::and_>(as_expr(a), as_expr(b));
}
template <Operand A, Operand B>
    requires AnyExpression<A, B> && (!expr_detail::Conditions<A, B>)
error<expr_detail::logic_error<operand_unit<A>, operand_unit<B>>("and")> operator&&(const A&, const B&);

/// `a || b` (also spelled `a or b`), on conditions.
template <Operand A, Operand B>
    requires AnyExpression<A, B> && expr_detail::Conditions<A, B>
constexpr auto operator||(const A& a, const B& b) {
    return make_node<op::or_>(as_expr(a), as_expr(b));
}
template <Operand A, Operand B>
    requires AnyExpression<A, B> && (!expr_detail::Conditions<A, B>)
error<expr_detail::logic_error<operand_unit<A>, operand_unit<B>>("or")> operator||(const A&, const B&);

/// `!a` (also spelled `not a`), on a condition.
template <Expression A>
    requires is_boolean<A>
constexpr auto operator!(const A& a) {
    return make_node<op::not_>(a);
}
template <Expression A>
    requires(!is_boolean<A>)
error<expr_detail::message("brian: `not` needs a condition, got ", expr_detail::unit_label<unit_of<A>>().view())>
operator!(const A&);

namespace expr_detail {
template <class C, class A, class B>
constexpr message_text where_error() {
    constexpr auto c = unit_label<operand_unit<C>>();
    constexpr auto a = unit_label<operand_unit<A>>();
    constexpr auto b = unit_label<operand_unit<B>>();
    if constexpr (!std::is_same_v<operand_unit<C>, boolean_unit>)
        return message("brian: where(condition, a, b) needs a condition first, got ", c.view());
    else return message("brian: where(condition, a, b) needs one unit for a and b, got ", a.view(), " and ", b.view());
}
template <class C, class A, class B>
concept ValidWhere = std::is_same_v<operand_unit<C>, boolean_unit> && SameUnitNumbers<A, B>;
}  // namespace expr_detail

/// `where(condition, a, b)`: a where the condition holds, else b (both evaluated).
template <Operand C, Operand A, Operand B>
    requires AnyExpression<C, A, B> && expr_detail::ValidWhere<C, A, B>
constexpr auto where(const C& c, const A& a, const B& b) {
    return make_node<op::where>(as_expr(c), as_expr(a), as_expr(b));
}
template <Operand C, Operand A, Operand B>
    requires AnyExpression<C, A, B> && (!expr_detail::ValidWhere<C, A, B>)
error<expr_detail::where_error<C, A, B>()> where(const C&, const A&, const B&);

}  // namespace brian::expr
