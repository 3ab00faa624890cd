// expect: brian: v is declared twice, or declared and defined by an equation; list it once
// A variable with a differential equation is also declared as a parameter; the
// BRIAN_COMPILE_FAIL_FIX variant declares another variable.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
#ifndef BRIAN_COMPILE_FAIL_FIX
inline constexpr parameter<"v", volt> v_declared;
#else
inline constexpr parameter<"x", volt> v_declared;
#endif
inline constexpr auto eqs = equations(d(v) / dt = -v / 10_ms, v_declared);
