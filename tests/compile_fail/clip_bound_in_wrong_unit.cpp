// expect: brian: clip\(x, low, high\) needs one unit for all three, got V, V and A
// clip with a bound in another unit. The BRIAN_COMPILE_FAIL_FIX variant compiles.
#include <brian/brian.hpp>

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"w", amp> w;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr auto Vt = -50_mV;

#ifndef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto bad = clip(v, -70_mV, 1_nA);
#else
inline constexpr auto fixed = clip(v, -70_mV, 0_mV);
#endif
