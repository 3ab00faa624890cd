// expect: brian: method::euler handles only additive noise
// Euler-Maruyama needs additive noise.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms + v * xi / sqrt(ms)), method::euler);
