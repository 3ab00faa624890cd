// expect: brian: sqrt needs a number, got a condition
// sqrt of a condition. The BRIAN_COMPILE_FAIL_FIX variant compiles.
#include <brian/brian.hpp>

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"w", amp> w;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr auto Vt = -50_mV;

#ifndef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto bad = sqrt(v > Vt);
#else
inline constexpr auto fixed = sqrt(v * v);
#endif
