#pragma once

#include <boost/units/dimensionless_type.hpp>
#include <boost/units/physical_dimensions.hpp>
#include <boost/units/static_rational.hpp>

#include "brian/units/quantity.hpp"

namespace brian::units {

/// A rational exponent, kept normalised (den > 0, lowest terms).
struct exponent {
    int num;
    int den;
    // A constructor, not default member initialisers: after `dimension` was constant-
    // evaluated, GCC 12 zero-filled a run-time `exponent e[7]{}`, ignoring them.
    constexpr exponent(int n = 0, int d = 1) : num(n), den(d) {}
    constexpr bool operator==(const exponent&) const = default;
    constexpr bool is_zero() const { return num == 0; }
};

/// The seven SI base dimensions, in Brian 2's printing order.
enum class base : int { length, mass, time, current, temperature, amount, luminosity };
inline constexpr int base_count = 7;

/// A dimension as plain data: the exponent of each base dimension. Used to name units in
/// diagnostics and output; the unit algebra itself stays in Boost.Units' types.
struct dimension {
    exponent e[base_count];  // no `{}`: see `exponent`

    constexpr bool operator==(const dimension&) const = default;
    constexpr bool is_dimensionless() const {
        for (const auto& x : e)
            if (!x.is_zero()) return false;
        return true;
    }
    /// This dimension raised to `num/den`.
    constexpr dimension pow(int num, int den = 1) const {
        dimension out;
        for (int k = 0; k < base_count; ++k) out.e[k] = normalise(e[k].num * num, e[k].den * den);
        return out;
    }
    constexpr dimension operator*(const dimension& o) const {
        dimension out;
        for (int k = 0; k < base_count; ++k)
            out.e[k] = normalise(e[k].num * o.e[k].den + o.e[k].num * e[k].den, e[k].den * o.e[k].den);
        return out;
    }
    constexpr dimension operator/(const dimension& o) const { return *this * o.pow(-1); }

    static constexpr exponent normalise(int num, int den) {
        if (den < 0) num = -num, den = -den;
        int a = num < 0 ? -num : num, b = den;
        while (b != 0) {
            int r = a % b;
            a = b;
            b = r;
        }
        if (a == 0) return {0, 1};
        return {num / a, den / a};
    }
};

namespace units_detail {

template <class BaseDim>
constexpr int base_index() {
    if constexpr (std::is_same_v<BaseDim, bu::length_base_dimension>) return 0;
    else if constexpr (std::is_same_v<BaseDim, bu::mass_base_dimension>) return 1;
    else if constexpr (std::is_same_v<BaseDim, bu::time_base_dimension>) return 2;
    else if constexpr (std::is_same_v<BaseDim, bu::current_base_dimension>) return 3;
    else if constexpr (std::is_same_v<BaseDim, bu::temperature_base_dimension>) return 4;
    else if constexpr (std::is_same_v<BaseDim, bu::amount_base_dimension>) return 5;
    else if constexpr (std::is_same_v<BaseDim, bu::luminous_intensity_base_dimension>) return 6;
    else return -1;  // Boost's angle dimensions: dimensionless for Brian
}

template <class DimList>
struct collect;
template <>
struct collect<bu::dimensionless_type> {
    static constexpr void into(dimension&) {}
};
template <class BaseDim, class Exp, class Rest>
struct collect<bu::list<bu::dim<BaseDim, Exp>, Rest>> {
    static constexpr void into(dimension& d) {
        constexpr int k = base_index<BaseDim>();
        if constexpr (k >= 0) d.e[k] = dimension::normalise(Exp::Numerator, Exp::Denominator);
        collect<Rest>::into(d);
    }
};

template <class U>
struct dimension_list;
template <class Dim, class System, class Enable>
struct dimension_list<bu::unit<Dim, System, Enable>> {
    using type = Dim;
};

}  // namespace units_detail

/// The dimension of a Boost.Units unit type, as data.
template <Unit U>
constexpr dimension dimension_of() {
    dimension d;
    units_detail::collect<typename units_detail::dimension_list<U>::type>::into(d);
    return d;
}

}  // namespace brian::units
