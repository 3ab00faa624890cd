// expect: brian: method::rk4 cannot integrate stochastic equations
// Runge-Kutta methods are deterministic.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms + 1_mV * xi / sqrt(ms)), method::rk4);
