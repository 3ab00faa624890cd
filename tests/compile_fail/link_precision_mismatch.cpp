// expect: brian: a linked variable must have the precision of the variable it links to
// A float group's linked variable pointed at a double group's variable.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr linked<"v_src", volt> v_src;
inline constexpr auto source = neuron_model(equations(d(v) / dt = -v / 10_ms));
inline constexpr auto follower = neuron_model(equations(d(v) / dt = (v_src - v) / 10_ms));
int main() {
    neuron_group<source> P(2);
    neuron_group<follower, precision<float>> G(2);
    G.link(v_src, P[v]);
}
