// expect: brian: refractory\(\.\.\.\) needs a time \(5_ms\) or a condition \(v > Vt\), got V
// A refractory period is a time or a condition.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms), refractory(5_mV));
