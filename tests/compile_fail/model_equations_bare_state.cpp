// expect: brian: equations\(\.\.\.\) lists w by itself; a variable without an equation \(`w : unit` in Brian\) is declared as a parameter<\.\.\.> symbol
// A state symbol listed without its equation; the BRIAN_COMPILE_FAIL_FIX variant declares
// it as a parameter (stored by the group, written by synapses).
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
#ifndef BRIAN_COMPILE_FAIL_FIX
inline constexpr state<"w", volt> w;
#else
inline constexpr parameter<"w", volt> w;
#endif
inline constexpr auto eqs = equations(d(v) / dt = -v / 10_ms, w);
