// expect: brian: pow\(x, y\) with a run-time exponent needs dimensionless x and y, got V and 1
// Run-time pow of a voltage. The BRIAN_COMPILE_FAIL_FIX variant compiles.
#include <brian/brian.hpp>

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"w", amp> w;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr auto Vt = -50_mV;

#ifndef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto bad = pow(v, 2);
#else
inline constexpr auto fixed = pow<2>(v);
#endif
