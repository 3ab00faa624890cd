// expect: brian: an event_driven equation must be linear in its own variable
// An event-driven trace is advanced exactly between events, which needs a linear equation.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"A", dimensionless> A;
inline constexpr state<"v", volt> v;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms), threshold(v > 1_mV), reset(v = 0_mV));
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, synapse_model(equations(d(A) / dt = -A * A / 10_ms | event_driven), on_pre(A += 1.0)));
}
