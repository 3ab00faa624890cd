// expect: brian: method::exact needs linear equations
// method::exact only integrates linear equations.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v * v / mV / 10_ms), method::exact);
