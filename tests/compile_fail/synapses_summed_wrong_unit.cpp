// expect: brian: cannot assign V to I \(unit A\)
// A summed current computed as a voltage.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr parameter<"I", amp> I;
inline constexpr parameter<"w", siemens> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = (ge - v + I * 1_Mohm) / 10_ms, d(ge) / dt = -ge / 5_ms),
                                       threshold(v > 1_mV), reset(v = 0_mV));
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, synapse_model(summed(post(I) = pre(v) - post(v))));
}
