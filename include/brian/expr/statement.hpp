#pragma once

#include <string_view>
#include <tuple>

#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"

namespace brian::expr {

namespace op {
struct assign {
    static constexpr const char* spelling = "=";
    static constexpr double apply(double, double e) { return e; }
};
struct add_assign {
    static constexpr const char* spelling = "+=";
    static constexpr double apply(double x, double e) { return x + e; }
};
struct sub_assign {
    static constexpr const char* spelling = "-=";
    static constexpr double apply(double x, double e) { return x - e; }
};
struct mul_assign {
    static constexpr const char* spelling = "*=";
    static constexpr double apply(double x, double e) { return x * e; }
};
struct div_assign {
    static constexpr const char* spelling = "/=";
    static constexpr double apply(double x, double e) { return x / e; }
};
}  // namespace op

/// A statement `target op= value` of reset, on_pre or on_post code. Executing it asks the
/// context for a reference to the target (`ctx.ref(target)`).
template <class Op, class Target, class Value>
struct statement {
    static constexpr bool is_statement = true;
    using operation = Op;
    using target_type = Target;
    using value_type = Value;
    Target target;
    Value value;
    template <class Ctx>
    constexpr void exec(Ctx& ctx) const {
        const auto v = value.eval(ctx);  // before taking the reference: value may read it
        auto& x = ctx.ref(target);       // a float or double of a group's storage
        if constexpr (std::is_same_v<Op, op::assign>) x = v;
        else x = Op::apply(x, v);
    }
};

/// Statements run in order, each seeing what the earlier ones wrote (Brian's multi-line
/// code blocks).
template <class... S>
struct sequence {
    static constexpr bool is_statement = true;
    using statements = type_list<S...>;
    std::tuple<S...> items;
    template <class Ctx>
    constexpr void exec(Ctx& ctx) const {
        std::apply([&](const auto&... s) { (s.exec(ctx), ...); }, items);
    }
};

template <class S>
concept Statement = std::remove_cvref_t<S>::is_statement;

/// Builds a sequence from statements and nested sequences, flattened.
template <Statement... S>
constexpr auto statements(const S&... s) {
    [[maybe_unused]] auto as_tuple = []<class X>(const X& x) {  // unused by statements()
        if constexpr (requires { typename X::statements; }) return x.items;
        else return std::tuple<X>{x};
    };
    return std::apply([](const auto&... all) { return sequence<std::remove_cvref_t<decltype(all)>...>{{all...}}; },
                      std::tuple_cat(as_tuple(s)...));
}

namespace expr_detail {

template <class Target, class Value>
constexpr message_text assignment_error(std::string_view op) {
    constexpr auto tu = unit_label<unit_of<Target>>();
    constexpr auto vu = unit_label<operand_unit<Value>>();
    if (op == "*=" || op == "/=")
        return message("brian: ", Target::name.view(), " ", op, " needs a dimensionless factor, got ", vu.view());
    else
        return message("brian: cannot assign ", vu.view(), " to ", Target::name.view(), " (unit ", tu.view(), ") in `",
                       Target::name.view(), " ", op, " ...`");
}

template <class Target, class Value>
concept Assignable = Operand<Value> && std::is_same_v<operand_unit<Value>, unit_of<Target>>;
template <class Target, class Value>
concept Scalable = Operand<Value> && std::is_same_v<operand_unit<Value>, dimensionless_t>;

}  // namespace expr_detail

template <class Op, class Target, class Value>
struct assignment_rule {
    static constexpr bool valid = std::is_same_v<Op, op::mul_assign> || std::is_same_v<Op, op::div_assign>
                                      ? expr_detail::Scalable<Target, Value>
                                      : expr_detail::Assignable<Target, Value>;
    static constexpr auto message = expr_detail::assignment_error<Target, Value>(Op::spelling);
    static constexpr auto make(const Target& t, const Value& v) {
        return statement<Op, Target, expr_t<Value>>{t, as_expr(v)};
    }
};

}  // namespace brian::expr
