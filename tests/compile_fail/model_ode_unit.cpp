// expect: brian: d\(v\)/dt has unit V/s but the right-hand side has unit V
// The right-hand side of d(v)/dt must be a voltage per time: the /tau is missing.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto eqs = equations(d(v) / dt = (-70_mV - v));
