#pragma once

#include "brian/expr/arithmetic.hpp"
#include "brian/expr/symbol.hpp"

namespace brian::expr {

/// Rebuilds an operation node from new arguments, simplifying where the builders can
/// (so that substituting zero for a variable removes the terms it multiplied).
template <class Op, class... Args>
constexpr auto rebuild(const Args&... args) {
    if constexpr (std::is_same_v<Op, op::add>) return make_add(args...);
    else if constexpr (std::is_same_v<Op, op::sub>) return make_sub(args...);
    else if constexpr (std::is_same_v<Op, op::mul>) return make_mul(args...);
    else if constexpr (std::is_same_v<Op, op::div>) return make_div(args...);
    else if constexpr (std::is_same_v<Op, op::neg>) return make_neg(args...);
    else return make_node<Op>(args...);
}

/// `e` with every occurrence of `X` (a symbol, matched by name, or a built-in such as
/// `xi`) replaced by `by` (same unit).
template <class X, Expression E, Expression By>
constexpr auto substitute(const E& e, const By& by) {
    static_assert(std::is_same_v<unit_of<X>, unit_of<By>>, "brian: substitution must keep the unit");
    if constexpr (same_symbol<E, X> || (!is_symbol<X> && std::is_same_v<std::remove_cvref_t<E>, X>)) return by;
    else if constexpr (is_node<E>)
        return e.visit([&](const auto&... args) { return rebuild<typename E::op>(substitute<X>(args, by)...); });
    else return e;
}

}  // namespace brian::expr
