#pragma once

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "brian/units/unit_name.hpp"

namespace brian::units {

namespace units_detail {

struct si_prefix {
    const char* symbol;
    int exponent;
};
inline constexpr si_prefix display_prefixes[] = {{"y", -24}, {"z", -21}, {"a", -18}, {"f", -15}, {"p", -12}, {"n", -9},
                                                 {"u", -6},  {"m", -3},  {"", 0},    {"k", 3},   {"M", 6},   {"G", 9},
                                                 {"T", 12},  {"P", 15},  {"E", 18},  {"Z", 21},  {"Y", 24}};

inline std::string format_number(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return buf;
}

/// Whether a unit name is a single symbol that takes a prefix ("V", "S", "ohm", "kg").
inline bool prefixable(std::string_view name) {
    for (const auto& u : named_units)
        if (u.symbol == name) return true;
    return false;
}

}  // namespace units_detail

/// Formats a value given in SI units with a display unit Brian would choose:
/// `-70 mV`, `20 ms`, `3.2 nS`, `0.5 V/s` (compound units stay unprefixed), `0.3`.
inline std::string format_quantity(double si_value, const dimension& dim) {
    const auto name = unit_name(dim);
    std::string_view symbol = name.view();
    if (dim.is_dimensionless()) return units_detail::format_number(si_value);
    if (!units_detail::prefixable(symbol) || si_value == 0.0 || !std::isfinite(si_value))
        return units_detail::format_number(si_value) + " " + std::string(symbol);
    // Mass takes its prefix on the gram.
    const bool grams = symbol == "kg";
    const double value = grams ? si_value * 1e3 : si_value;
    const std::string_view base = grams ? std::string_view("g") : symbol;
    const int exp10 = static_cast<int>(std::floor(std::log10(std::abs(value))));
    const auto* best = &units_detail::display_prefixes[8];
    for (const auto& p : units_detail::display_prefixes)
        if (p.exponent <= exp10) best = &p;
    if (exp10 < -24) best = &units_detail::display_prefixes[0];
    return units_detail::format_number(value / std::pow(10.0, best->exponent)) + " " + best->symbol + std::string(base);
}

/// A quantity as text with a sensible display unit: `to_string(-70 * mV)` is "-70 mV".
template <class U>
std::string to_string(const quantity<U>& q) {
    return format_quantity(q.value(), dimension_of<U>());
}

/// Streams a quantity as `to_string` does.
template <class U>
std::ostream& operator<<(std::ostream& os, const quantity<U>& q) {
    return os << to_string(q);
}

}  // namespace brian::units
