// expect: brian: cannot assign s to v \(unit V\)
// A reset that assigns a time to a voltage.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms), reset(v = 10_ms));
