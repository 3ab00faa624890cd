// expect: brian: subexpression I depends on itself through other subexpressions \(a cycle\)
// Subexpressions that define each other cannot be computed.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr subexpression<"I", volt> I;
inline constexpr subexpression<"J", volt> J;
inline constexpr auto eqs = equations(d(v) / dt = (I - v) / 10_ms, I = J + v, J = I - v);
