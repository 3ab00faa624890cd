// expect: brian: cannot compare V with 1
// Comparing a voltage with a plain number: a number has no unit, even 0. The
// BRIAN_COMPILE_FAIL_FIX variant compiles.
#include <brian/brian.hpp>

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"w", amp> w;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr auto Vt = -50_mV;

#ifndef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto bad = v > 0;
#else
inline constexpr auto fixed = v > 0_mV;
#endif
