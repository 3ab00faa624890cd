#pragma once

#include <cmath>
#include <limits>
#include <type_traits>

#include "brian/units/quantity.hpp"

namespace brian::units {

namespace units_detail {
/// sqrt usable in constant expressions: `sqrt(2 / tau)` in a constexpr model. GCC folds
/// std::sqrt there, Clang 14 does not; Newton's iteration from above converges to the
/// correctly rounded root, at run time std::sqrt is used.
constexpr double constexpr_sqrt(double x) {
    if (!std::is_constant_evaluated()) return std::sqrt(x);
    if (x < 0 || x != x) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0 || x == std::numeric_limits<double>::infinity()) return x;
    double r = x < 1 ? 1.0 : x;
    for (;;) {
        const double next = 0.5 * (r + x / r);
        if (next >= r) return r;
        r = next;
    }
}
}  // namespace units_detail

/// The square root of a quantity, halving its unit's exponents, also in constant
/// expressions. More constrained than Boost's overload, so it is chosen for doubles.
template <class Unit, class Y>
    requires std::is_same_v<Y, double>
constexpr auto sqrt(const bu::quantity<Unit, Y>& q) {
    using result = decltype(bu::sqrt(q));
    return result::from_value(units_detail::constexpr_sqrt(q.value()));
}

}  // namespace brian::units
