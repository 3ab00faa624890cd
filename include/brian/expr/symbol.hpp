#pragma once

#include "brian/detail/fixed_string.hpp"
#include "brian/error.hpp"
#include "brian/expr/node.hpp"
#include "brian/units/quantity.hpp"

namespace brian::expr {

namespace op {
struct assign;
struct add_assign;
struct sub_assign;
struct mul_assign;
struct div_assign;
}  // namespace op

/// The rule for `target op= value` (statement.hpp): `valid`, `make(target, value)`, and
/// the `message` naming the mistake when not valid.
template <class Op, class Target, class Value>
struct assignment_rule;

/// What a named symbol stands for, as in Brian 2's equation lines.
enum class symbol_kind {
    state,          ///< per element, has a differential equation
    parameter,      ///< per element, `x : unit`, set by the user
    shared,         ///< one value per group, `x : unit (shared)`
    subexpression,  ///< a named expression `x = expr : unit`, inlined where used
    linked,         ///< another group's variable, read per element (`x : unit (linked)`)
};

/// A named symbol of a model. Its type carries its name and unit, so an expression knows
/// everything about it at compile time and a symbol is declared once:
/// `inline constexpr state<"v", volt> v;`. Assignments on it build statements
/// (see statement.hpp), `=` also defines subexpressions in `equations(...)`.
template <symbol_kind Kind, fixed_string Name, class U>
struct symbol {
    static constexpr bool is_expression = true;
    static constexpr symbol_kind kind = Kind;
    static constexpr auto name = Name;
    using unit = U;

    template <class Ctx>
    constexpr auto eval(Ctx& ctx) const {  // double, or float where the context computes in float
        using value = std::remove_cvref_t<decltype(ctx.get(*this))>;
        if constexpr (std::is_floating_point_v<value>) return ctx.get(*this);
        else return static_cast<double>(ctx.get(*this));
    }

    // Statement builders (`v = Vr`, `w += dA`); `=` also defines subexpressions in
    // `equations(...)`. A unit mistake selects the declared-only overload whose return
    // type is the `brian::error` naming it, so the error points at the user's line.
#define BRIAN_ASSIGNMENT(symbol_op, tag)                            \
    template <class E>                                              \
        requires assignment_rule<op::tag, symbol, E>::valid         \
    constexpr auto operator symbol_op(const E& e) const {           \
        return assignment_rule<op::tag, symbol, E>::make(*this, e); \
    }                                                               \
    template <class E>                                              \
        requires(!assignment_rule<op::tag, symbol, E>::valid)       \
    brian::error<assignment_rule<op::tag, symbol, E>::message> operator symbol_op(const E&) const;
    BRIAN_ASSIGNMENT(=, assign)
    BRIAN_ASSIGNMENT(+=, add_assign)
    BRIAN_ASSIGNMENT(-=, sub_assign)
    BRIAN_ASSIGNMENT(*=, mul_assign)
    BRIAN_ASSIGNMENT(/=, div_assign)
#undef BRIAN_ASSIGNMENT
};

template <fixed_string Name, auto Unit>
using state = symbol<symbol_kind::state, Name, units::unit_t<decltype(Unit)>>;
template <fixed_string Name, auto Unit>
using parameter = symbol<symbol_kind::parameter, Name, units::unit_t<decltype(Unit)>>;
template <fixed_string Name, auto Unit>
using shared = symbol<symbol_kind::shared, Name, units::unit_t<decltype(Unit)>>;
template <fixed_string Name, auto Unit>
using subexpression = symbol<symbol_kind::subexpression, Name, units::unit_t<decltype(Unit)>>;
/// Brian's `(linked)` variable: reads another group's variable, set with `G.link(...)`.
template <fixed_string Name, auto Unit>
using linked = symbol<symbol_kind::linked, Name, units::unit_t<decltype(Unit)>>;

template <class E>
inline constexpr bool is_symbol_impl = false;
template <symbol_kind K, fixed_string N, class U>
inline constexpr bool is_symbol_impl<symbol<K, N, U>> = true;

template <class E>
inline constexpr bool is_symbol = is_symbol_impl<std::remove_cvref_t<E>>;

/// Symbols are identified by name: two declarations of "v" are the same variable.
template <class A, class B>
inline constexpr bool same_symbol = [] {
    if constexpr (is_symbol<A> && is_symbol<B>) return std::remove_cvref_t<A>::name == std::remove_cvref_t<B>::name;
    else return false;
}();

}  // namespace brian::expr
