#pragma once

#include "brian/equations/equations.hpp"
#include "brian/expr/statement.hpp"
#include "brian/integrators/method.hpp"

namespace brian {

/// Built-in per-neuron variables of groups with refractoriness (Brian's names).
inline constexpr expr::parameter<"lastspike", units::second> lastspike{};
inline constexpr expr::symbol<expr::symbol_kind::parameter, "not_refractory", expr::boolean_unit> not_refractory{};

/// Parts of a neuron model that are absent.
struct no_threshold {};
struct no_reset {};
struct no_refractory {};

template <class E>
struct threshold_part {
    E condition;
};
template <class S>
struct reset_part {
    S statements;
};
/// A refractory period: a time (quantity or expression of unit second) or a condition.
template <class E, bool IsCondition>
struct refractory_part {
    static constexpr bool is_condition = IsCondition;
    E value;
};

/// A custom event (Brian's `events={'name': condition}` with `run_on_event`).
template <fixed_string Name, class Condition, class Statements>
struct event_part {
    static constexpr auto name = Name;
    Condition condition;
    Statements statements;
};
template <class... Events>
struct events_part {
    std::tuple<Events...> list;
};

namespace detail {
template <class E>
constexpr expr::expr_detail::message_text threshold_error() {
    return expr::expr_detail::message("brian: threshold(...) needs a condition such as v > Vt, got ",
                                      expr::expr_detail::unit_label<expr::operand_unit<E>>().view());
}
template <class E>
constexpr expr::expr_detail::message_text refractory_error() {
    return expr::expr_detail::message("brian: refractory(...) needs a time (5_ms) or a condition (v > Vt), got ",
                                      expr::expr_detail::unit_label<expr::operand_unit<E>>().view());
}
template <class S>
inline constexpr bool writes_subexpression = [] {
    if constexpr (requires { typename S::statements; })
        return []<class... T>(expr::type_list<T...>) {
            return (writes_subexpression<T> || ...);
        }(typename S::statements{});
    else return S::target_type::kind == expr::symbol_kind::subexpression;
}();
template <class... S>
constexpr expr::expr_detail::message_text statements_error(std::string_view where) {
    if constexpr (!(expr::Statement<S> && ...))
        return expr::expr_detail::message("brian: ", where, "(...) takes statements such as v = Vr or w += b");
    else if constexpr ((writes_subexpression<S> || ...))
        return expr::expr_detail::message("brian: ", where,
                                          "(...) cannot assign to a subexpression: it is defined by its equation");
    else return {};
}
template <class E>
concept Condition = expr::Operand<E> && std::is_same_v<expr::operand_unit<E>, expr::boolean_unit>;
template <class E>
concept Duration = expr::Operand<E> && std::is_same_v<expr::operand_unit<E>, boost::units::si::time>;
}  // namespace detail

/// `threshold(v > Vt)`: the spike condition, tested after each state update.
template <class E>
    requires detail::Condition<E>
constexpr auto threshold(const E& condition) {
    return threshold_part<expr::expr_t<E>>{expr::as_expr(condition)};
}
template <class E>
    requires(!detail::Condition<E>)
error<detail::threshold_error<E>()> threshold(const E&);

/// `reset(v = Vr, w += b)`: statements run for each neuron that spiked, in order.
template <class... S>
    requires(detail::statements_error<S...>("reset").size() == 0)
constexpr auto reset(const S&... statements) {
    auto seq = expr::statements(statements...);
    return reset_part<decltype(seq)>{seq};
}
template <class... S>
    requires(detail::statements_error<S...>("reset").size() != 0)
error<detail::statements_error<S...>("reset")> reset(const S&...);

/// `refractory(5_ms)`, `refractory(tref)` (a parameter), or `refractory(v > -40_mV)`
/// (refractory while the condition holds, entered at a spike).
template <class E>
    requires detail::Duration<E> || detail::Condition<E>
constexpr auto refractory(const E& value) {
    return refractory_part<expr::expr_t<E>, detail::Condition<E>>{expr::as_expr(value)};
}
template <class E>
    requires(!detail::Duration<E> && !detail::Condition<E>)
error<detail::refractory_error<E>()> refractory(const E&);

/// `event<"burst">(condition, statements...)`: a custom event, tested after thresholds;
/// its statements run for each neuron where it occurred (Brian's `run_on_event`).
template <fixed_string Name, class C, class... S>
    requires detail::Condition<C> && (detail::statements_error<S...>("event").size() == 0)
constexpr auto event(const C& condition, const S&... statements) {
    auto seq = expr::statements(statements...);
    return event_part<Name, expr::expr_t<C>, decltype(seq)>{expr::as_expr(condition), seq};
}

/// `events(event<"a">(...), event<"b">(...))`.
template <class... E>
constexpr auto events(const E&... list) {
    return events_part<E...>{{list...}};
}

}  // namespace brian
