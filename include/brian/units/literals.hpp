#pragma once

#include "brian/units/prefixes.hpp"

/// User-defined literals for the units neuroscience models use: `-70_mV`, `20_ms`,
/// `1.5_nA`, `6_nS`, `15_Hz`, `200_pF`, `100_Mohm`, `20000_um2`. Compound units are
/// products: `1 * uF / cm2`.
namespace brian::units::literal_lookup {
// Qualified lookup through here finds both the prefixed units and the one-letter symbols.
using namespace brian::units;
using namespace brian::units::symbols;
}  // namespace brian::units::literal_lookup

namespace brian::literals {

#define BRIAN_LITERAL(name)                                                   \
    constexpr auto operator""_##name(long double x) {                         \
        return static_cast<double>(x) * ::brian::units::literal_lookup::name; \
    }                                                                         \
    constexpr auto operator""_##name(unsigned long long x) {                  \
        return static_cast<double>(x) * ::brian::units::literal_lookup::name; \
    }

// Macro tables, laid out by hand: clang-format does not settle on one layout for them.
// clang-format off
BRIAN_LITERAL(V) BRIAN_LITERAL(mV) BRIAN_LITERAL(uV)
BRIAN_LITERAL(s) BRIAN_LITERAL(ms) BRIAN_LITERAL(us)
BRIAN_LITERAL(A) BRIAN_LITERAL(mA) BRIAN_LITERAL(uA) BRIAN_LITERAL(nA) BRIAN_LITERAL(pA)
BRIAN_LITERAL(S) BRIAN_LITERAL(mS) BRIAN_LITERAL(uS) BRIAN_LITERAL(nS) BRIAN_LITERAL(pS)
BRIAN_LITERAL(F) BRIAN_LITERAL(uF) BRIAN_LITERAL(nF) BRIAN_LITERAL(pF)
BRIAN_LITERAL(ohm) BRIAN_LITERAL(kohm) BRIAN_LITERAL(Mohm) BRIAN_LITERAL(Gohm)
BRIAN_LITERAL(Hz) BRIAN_LITERAL(kHz)
BRIAN_LITERAL(m) BRIAN_LITERAL(cm) BRIAN_LITERAL(mm) BRIAN_LITERAL(um)
BRIAN_LITERAL(cm2) BRIAN_LITERAL(um2) BRIAN_LITERAL(mm2)
BRIAN_LITERAL(mM) BRIAN_LITERAL(uM)

// clang-format on
#undef BRIAN_LITERAL

}  // namespace brian::literals
