// expect: brian: equations\(\.\.\.\) takes `d\(x\)/dt = rhs`
// A statement on a state variable is not an equation (it belongs in reset).
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto eqs = equations(d(v) / dt = -v / 10_ms, v = 10_mV);
