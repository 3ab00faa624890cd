// expect: brian: two equations for v
// A variable has at most one differential equation.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto eqs = equations(d(v) / dt = -v / 10_ms, d(v) / dt = -v / 20_ms);
