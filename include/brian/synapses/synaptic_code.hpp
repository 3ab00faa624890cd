#pragma once

#include <stdexcept>
#include <string>
#include <type_traits>

#include "brian/error.hpp"
#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/statement.hpp"
#include "brian/expr/symbol.hpp"
#include "brian/model/parts.hpp"
#include "brian/units/io.hpp"

namespace brian {

/// Which side of a synapse a variable lives on: `pre(x)` (the source group), `post(x)`
/// (the target group).
enum class synaptic_side { pre, post };

/// `pre(x)` / `post(x)`: the variable `x` of the presynaptic / postsynaptic neuron of a
/// synapse (Brian's `x_pre`, `x_post`). An expression leaf with `x`'s unit and a target
/// of statements: `post(ge) += 1.62_mV` is a statement, checked by the same rule as
/// `ge += ...` (a unit mistake is a `brian:` error at the user's line).
template <synaptic_side Side, class X>
struct side_variable {
    static constexpr bool is_expression = true;
    static constexpr expr::symbol_kind kind = X::kind;
    static constexpr auto name = X::name;
    static constexpr synaptic_side side = Side;
    using unit = typename X::unit;
    using symbol_type = X;

    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return ctx.get(*this);
    }

#define BRIAN_SIDE_ASSIGNMENT(symbol_op, tag)                                          \
    template <class E>                                                                 \
        requires expr::assignment_rule<expr::op::tag, side_variable, E>::valid         \
    constexpr auto operator symbol_op(const E& e) const {                              \
        return expr::assignment_rule<expr::op::tag, side_variable, E>::make(*this, e); \
    }                                                                                  \
    template <class E>                                                                 \
        requires(!expr::assignment_rule<expr::op::tag, side_variable, E>::valid)       \
    brian::error<expr::assignment_rule<expr::op::tag, side_variable, E>::message> operator symbol_op(const E&) const;
    BRIAN_SIDE_ASSIGNMENT(=, assign)
    BRIAN_SIDE_ASSIGNMENT(+=, add_assign)
    BRIAN_SIDE_ASSIGNMENT(-=, sub_assign)
    BRIAN_SIDE_ASSIGNMENT(*=, mul_assign)
    BRIAN_SIDE_ASSIGNMENT(/=, div_assign)
#undef BRIAN_SIDE_ASSIGNMENT
};

template <class T>
inline constexpr bool is_side_variable = false;
template <synaptic_side S, class X>
inline constexpr bool is_side_variable<side_variable<S, X>> = true;

/// `pre(v)`: the presynaptic neuron's `v`.
template <class X>
    requires expr::is_symbol<X>
constexpr side_variable<synaptic_side::pre, std::remove_cvref_t<X>> pre(const X&) {
    return {};
}
/// `post(ge)`: the postsynaptic neuron's `ge`.
template <class X>
    requires expr::is_symbol<X>
constexpr side_variable<synaptic_side::post, std::remove_cvref_t<X>> post(const X&) {
    return {};
}

namespace detail {
/// Whether any statement of a sequence draws random numbers.
template <class S>
inline constexpr bool statements_stochastic = [] {
    if constexpr (requires { typename S::statements; })
        return []<class... T>(expr::type_list<T...>) {
            return (statements_stochastic<T> || ...);
        }(typename S::statements{});
    else return expr::is_stochastic<typename S::value_type>;
}();
}  // namespace detail

}  // namespace brian
