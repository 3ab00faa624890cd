// expect: brian: cannot set v \(unit V\) to a value of unit s
// Setting a voltage to a time.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"w", volt> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms));
int main() {
    neuron_group<m> g(10);
    g[v] = 10_ms;
}
