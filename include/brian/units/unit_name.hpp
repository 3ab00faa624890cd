#pragma once

#include <string_view>

#include "brian/detail/fixed_string.hpp"
#include "brian/units/dimension.hpp"

namespace brian::units {

/// Capacity of a unit's name; the longest fallback ("kg m^2 s^-3 A^-1 ...") fits.
inline constexpr std::size_t unit_name_capacity = 63;
using unit_name_text = fixed_string<unit_name_capacity + 1>;

namespace units_detail {

struct named_dimension {
    std::string_view symbol;
    dimension dim;
};

// The units a name is tried from, most familiar to neuroscientists first: a dimension
// gets the first name that fits (1/s is "Hz", m^2 s^-2 is "Gy").
inline constexpr named_dimension named_units[] = {
    {"V", dimension_of<si::electric_potential>()},
    {"A", dimension_of<si::current>()},
    {"S", dimension_of<si::conductance>()},
    {"F", dimension_of<si::capacitance>()},
    {"ohm", dimension_of<si::resistance>()},
    {"s", dimension_of<si::time>()},
    {"Hz", dimension_of<si::frequency>()},
    {"m", dimension_of<si::length>()},
    {"kg", dimension_of<si::mass>()},
    {"mol", dimension_of<si::amount>()},
    {"K", dimension_of<si::temperature>()},
    {"cd", dimension_of<si::luminous_intensity>()},
    {"C", dimension_of<si::electric_charge>()},
    {"W", dimension_of<si::power>()},
    {"J", dimension_of<si::energy>()},
    {"N", dimension_of<si::force>()},
    {"Pa", dimension_of<si::pressure>()},
    {"Wb", dimension_of<si::magnetic_flux>()},
    {"T", dimension_of<si::magnetic_flux_density>()},
    {"H", dimension_of<si::inductance>()},
    {"kat", dimension_of<si::catalytic_activity>()},
    {"Gy", dimension_of<si::absorbed_dose>()},
};

inline constexpr std::string_view base_symbols[base_count] = {"m", "kg", "s", "A", "K", "mol", "cd"};

/// A small string builder for constant evaluation.
struct builder {
    unit_name_text out;
    std::size_t n = 0;
    constexpr builder& operator<<(std::string_view s) {
        for (char c : s)
            if (n < unit_name_capacity) out.data[n++] = c;
        return *this;
    }
    constexpr builder& operator<<(int v) {
        if (v < 0) *this << "-", v = -v;
        char digits[12]{};
        int k = 0;
        do digits[k++] = static_cast<char>('0' + v % 10), v /= 10;
        while (v != 0);
        while (k > 0) {
            const char c[2] = {digits[--k], '\0'};
            *this << std::string_view(c, 1);
        }
        return *this;
    }
    constexpr builder& power(exponent p) {
        if (p == exponent{1, 1}) return *this;
        *this << "^" << p.num;
        if (p.den != 1) *this << "/" << p.den;
        return *this;
    }
};

// Exponents tried for "X^p" names and for the denominator of "X/Y^p".
inline constexpr exponent simple_powers[] = {{2, 1}, {3, 1}, {-1, 1}, {-2, 1}, {1, 2}, {-1, 2}, {-3, 1}};

constexpr bool try_single(builder& b, const dimension& d) {
    for (const auto& u : named_units)
        if (u.dim == d) return b << u.symbol, true;
    for (const auto& u : named_units)
        for (const auto& p : simple_powers)
            if (u.dim.pow(p.num, p.den) == d) {
                if (p == exponent{-1, 1}) b << "1/" << u.symbol;
                else b << u.symbol, b.power(p);
                return true;
            }
    return false;
}

constexpr bool try_compound(builder& b, const dimension& d) {
    for (const auto& num : named_units)
        for (const auto& den : named_units)
            for (int p = 1; p <= 3; ++p)
                if (num.dim / den.dim.pow(p) == d) {
                    b << num.symbol << "/" << den.symbol;
                    if (p != 1) b.power({p, 1});
                    return true;
                }
    for (std::size_t x = 0; x < std::size(named_units); ++x)
        for (std::size_t y = x + 1; y < std::size(named_units); ++y)
            if (named_units[x].dim * named_units[y].dim == d)
                return b << named_units[x].symbol << "*" << named_units[y].symbol, true;
    return false;
}

}  // namespace units_detail

/// A readable name for a dimension: "V", "mV" never (no prefixes here), "V/s", "S/m^2",
/// "s^-1/2", falling back to SI base units ("m^2 kg s^-4 A^-1") for anything exotic.
constexpr unit_name_text unit_name(const dimension& d) {
    units_detail::builder b;
    if (d.is_dimensionless()) b << "1";
    else if (!units_detail::try_single(b, d) && !units_detail::try_compound(b, d)) {
        bool first = true;
        for (int k = 0; k < base_count; ++k) {
            if (d.e[k].is_zero()) continue;
            if (!first) b << " ";
            first = false;
            b << units_detail::base_symbols[k];
            b.power(d.e[k]);
        }
    }
    return b.out;
}

/// The readable name of a unit type, as a compile-time string.
template <Unit U>
inline constexpr unit_name_text unit_name_v = unit_name(dimension_of<U>());

}  // namespace brian::units
