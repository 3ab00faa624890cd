#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "brian/expr/builtins.hpp"
#include "brian/expr/functions.hpp"
#include "brian/expr/logic.hpp"
#include "brian/expr/statement.hpp"
#include "brian/units/io.hpp"

namespace brian::expr {

namespace expr_detail {

// Precedence levels of Brian's (Python's) expression syntax, loosest first.
enum precedence : int { p_or = 1, p_and, p_not, p_compare, p_add, p_mul, p_unary, p_power, p_atom };

struct printed {
    std::string text;
    int level;
};

// Not `"-" + text`: GCC 12 at -O2 warns (-Wrestrict, a false positive, GCC bug 105651)
// on `const char* + std::string&&`, which breaks -Werror builds of users' code.
inline std::string prefix(std::string_view head, const std::string& text) {
    std::string out(head);
    out += text;
    return out;
}

inline std::string wrap(const printed& p, int needed) { return p.level < needed ? "(" + p.text + ")" : p.text; }

/// A unit name in Brian's (Python's) syntax: "S/m^2" is "S/m**2", "s^-1/2" is
/// "s**(-1/2)", the fallback "m^2 kg s^-3" is "m**2*kg*s**-3".
inline printed python_unit(std::string_view name) {
    printed out{"", p_atom};
    for (std::size_t k = 0; k < name.size(); ++k) {
        if (name[k] == '^') {  // the exponent runs to the next space or the end
            const auto end = std::min(name.find(' ', k), name.size());
            const auto exponent = std::string(name.substr(k + 1, end - k - 1));
            out.text += "**";
            out.text += exponent.find('/') == std::string::npos ? exponent : "(" + exponent + ")";
            out.level = std::min<int>(out.level, p_power);
            k = end - 1;
        } else {
            const bool product = name[k] == ' ' || name[k] == '*' || name[k] == '/';
            out.text += name[k] == ' ' ? '*' : name[k];
            if (product) out.level = p_mul;
        }
    }
    return out;
}

template <class U>
printed print_constant(double value) {
    if constexpr (std::is_same_v<U, dimensionless_t>) {
        auto text = units::units_detail::format_number(value);
        return {text, value < 0 ? p_unary : p_atom};
    } else {
        // "-49 mV" becomes Brian's "-49*mV", "1 mV" just "mV", "1000 1/V" "1000/V".
        auto text = units::format_quantity(value, units::dimension_of<U>());
        const auto space = text.find(' ');
        const std::string number = text.substr(0, space);
        const printed unit = python_unit(std::string_view(text).substr(space + 1));
        if (number == "1") return unit;
        if (unit.text.rfind("1/", 0) == 0) return {number + unit.text.substr(1), p_mul};
        return {number + "*" + unit.text, p_mul};
    }
}

template <class E>
printed print(const E& e);

template <class N>
printed binary(const N& n, const char* spelling, int level) {
    // Left-associative: the right operand needs a tighter level than the operator's.
    return {wrap(print(n.a), level) + " " + spelling + " " + wrap(print(n.b), level + 1), level};
}

template <class N>
printed call(const N& n, const char* name) {
    std::string text = std::string(name) + "(";
    bool first = true;
    n.visit([&](const auto&... args) { ((text += (first ? "" : ", ") + print(args).text, first = false), ...); });
    return {text + ")", p_atom};
}

template <class Op, class... A>
printed print_node(const node<Op, A...>& n) {
    if constexpr (std::is_same_v<Op, op::add>) return binary(n, "+", p_add);
    else if constexpr (std::is_same_v<Op, op::sub>) return binary(n, "-", p_add);
    else if constexpr (std::is_same_v<Op, op::mul>) return binary(n, "*", p_mul);
    else if constexpr (std::is_same_v<Op, op::div>) return binary(n, "/", p_mul);
    else if constexpr (std::is_same_v<Op, op::neg>) return {prefix("-", wrap(print(n.a), p_unary)), p_unary};
    else if constexpr (std::is_same_v<Op, op::and_>) return binary(n, "and", p_and);
    else if constexpr (std::is_same_v<Op, op::or_>) return binary(n, "or", p_or);
    else if constexpr (std::is_same_v<Op, op::not_>) return {prefix("not ", wrap(print(n.a), p_not)), p_not};
    else if constexpr (requires { Op::spelling; }) return binary(n, Op::spelling, p_compare);
    else if constexpr (std::is_same_v<Op, op::where>) return call(n, "where");
    else if constexpr (requires { Op::num; }) {
        if constexpr (Op::num == 1 && Op::den == 2) return call(n, "sqrt");
        else {
            std::string exponent = std::to_string(Op::num);
            if constexpr (Op::den != 1) exponent = "(" + exponent + "/" + std::to_string(Op::den) + ")";
            else if constexpr (Op::num < 0) exponent = "(" + exponent + ")";
            return {wrap(print(n.a), p_atom) + "**" + exponent, p_power};
        }
    } else return call(n, Op::name);
}

template <class E>
printed print(const E& e) {
    if constexpr (is_symbol<E>) return {std::string(E::name.view()), p_atom};
    else if constexpr (is_builtin<E>) return {E::name, p_atom};
    else if constexpr (is_constant<E>) return print_constant<unit_of<E>>(e.value);
    else if constexpr (is_zero<E>) return print_constant<unit_of<E>>(0.0);
    else if constexpr (is_one<E>) return {"1", p_atom};
    else return print_node(e);
}

}  // namespace expr_detail

/// An expression in Brian 2's syntax, with symbol names and constants with units, e.g.
/// `(ge + gi - (v - -49*mV)) / (20*ms)`. For messages, export and debugging.
template <Expression E>
std::string to_string(const E& e) {
    return expr_detail::print(e).text;
}

/// A statement or statement sequence in Brian 2's syntax, one statement per line.
template <Statement S>
std::string to_string(const S& s) {
    if constexpr (requires { typename S::statements; }) {
        std::string text;
        std::apply([&](const auto&... st) { ((text += (text.empty() ? "" : "\n") + to_string(st)), ...); }, s.items);
        return text;
    } else {
        return std::string(S::target_type::name.view()) + " " + S::operation::spelling + " " + to_string(s.value);
    }
}

}  // namespace brian::expr
