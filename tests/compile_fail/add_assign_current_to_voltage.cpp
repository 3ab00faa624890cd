// expect: brian: cannot assign A to ge \(unit V\) in `ge \+= \.\.\.`
// An on_pre increment in the wrong unit. The BRIAN_COMPILE_FAIL_FIX variant compiles.
#include <brian/brian.hpp>

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"w", amp> w;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr auto Vt = -50_mV;

#ifndef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto bad = ge += 1_nA;
#else
inline constexpr auto fixed = ge += 1.62_mV;
#endif
