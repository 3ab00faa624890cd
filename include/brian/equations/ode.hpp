#pragma once

#include "brian/equations/flags.hpp"
#include "brian/expr/builtins.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"

namespace brian {

/// A differential equation `d(x)/dt = rhs`, with Brian's flags.
template <class X, class Rhs, unsigned Flags>
struct ode {
    using variable = X;
    using rhs_type = Rhs;
    static constexpr unsigned flags = Flags;
    static constexpr bool unless_refractory = (Flags & equation_flags::unless_refractory_t::bit) != 0;
    Rhs rhs;
};

namespace detail {

template <class X, class Rhs>
constexpr expr::expr_detail::message_text ode_unit_error() {
    using U = decltype(expr::unit_of<X>{} / boost::units::si::time{});
    return expr::expr_detail::message("brian: d(", X::name.view(), ")/dt has unit ",
                                      expr::expr_detail::unit_label<U>().view(), " but the right-hand side has unit ",
                                      expr::expr_detail::unit_label<expr::operand_unit<Rhs>>().view());
}

template <class X, class Rhs>
concept MatchingDerivative =
    expr::Operand<Rhs> &&
    std::is_same_v<expr::operand_unit<Rhs>, decltype(expr::unit_of<X>{} / boost::units::si::time{})>;

/// `d(x)/dt`, waiting for its right-hand side.
template <class X>
struct time_derivative {
    template <class Rhs>
        requires MatchingDerivative<X, Rhs>
    constexpr auto operator=(const Rhs& rhs) const {
        auto e = expr::as_expr(rhs);
        using E = decltype(e);
        return ode<X, std::remove_cvref_t<decltype(expr::strip_flags(e))>, expr::flags_of<E>>{expr::strip_flags(e)};
    }
    template <class Rhs>
        requires(!MatchingDerivative<X, Rhs>)
    error<ode_unit_error<X, Rhs>()> operator=(const Rhs&) const;
};

/// `d(x)`, waiting for `/dt`.
template <class X>
struct differential {};

template <class X>
constexpr time_derivative<X> operator/(differential<X>, expr::builtin::dt_t) {
    return {};
}

}  // namespace detail

/// `d(v)/dt = rhs`: the derivative of a state variable.
template <expr::symbol_kind K, fixed_string N, class U>
constexpr auto d(const expr::symbol<K, N, U>&) {
    static_assert(K == expr::symbol_kind::state,
                  "brian: d(x)/dt needs a state<...> symbol; declare x as state<\"x\", unit>");
    return detail::differential<expr::symbol<K, N, U>>{};
}

}  // namespace brian
