#pragma once

#include "brian/expr/node.hpp"

namespace brian {

namespace equation_flags {
/// Brian's `(unless refractory)`: the variable keeps its value while the neuron is
/// refractory (its update, and any write from synapses, is skipped).
struct unless_refractory_t {
    static constexpr unsigned bit = 1u;
};
/// Brian's `(constant over dt)` on a subexpression: evaluated once at the start of the
/// step and held for all integrator stages.
struct constant_over_dt_t {
    static constexpr unsigned bit = 2u;
};
}  // namespace equation_flags

inline constexpr equation_flags::unless_refractory_t unless_refractory{};
inline constexpr equation_flags::constant_over_dt_t constant_over_dt{};

namespace expr {

/// An equation's right-hand side with flags attached (`rhs | unless_refractory`). It
/// evaluates as the bare expression; the equation reads the flags.
template <class E, unsigned Flags>
struct flagged {
    static constexpr bool is_expression = true;
    static constexpr unsigned flags = Flags;
    using unit = unit_of<E>;
    E expr;
    template <class Ctx>
    constexpr auto eval(Ctx& ctx) const {
        return expr.eval(ctx);
    }
};

template <Expression E, class Flag>
    requires requires { Flag::bit; }
constexpr auto operator|(const E& e, Flag) {
    if constexpr (requires { E::flags; }) return flagged<decltype(e.expr), E::flags | Flag::bit>{e.expr};
    else return flagged<E, Flag::bit>{e};
}

/// The expression without flags, and its flags.
template <class E>
constexpr const auto& strip_flags(const E& e) {
    if constexpr (requires { E::flags; }) return e.expr;
    else return e;
}
template <class E>
using unflagged_t = std::remove_cvref_t<decltype(strip_flags(std::declval<const E&>()))>;

template <class E>
inline constexpr unsigned flags_of = [] {
    if constexpr (requires { std::remove_cvref_t<E>::flags; }) return std::remove_cvref_t<E>::flags;
    else return 0u;
}();

}  // namespace expr
}  // namespace brian
