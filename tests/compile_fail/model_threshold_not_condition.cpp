// expect: brian: threshold\(\.\.\.\) needs a condition such as v > Vt, got V
// A threshold is a condition, not a number.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms), threshold(v - 50_mV));
