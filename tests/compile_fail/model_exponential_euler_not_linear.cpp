// expect: brian: method::exponential_euler needs each equation linear in its own variable
// Exponential Euler needs each equation linear in its own variable.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v * v / mV / 10_ms), method::exponential_euler);
