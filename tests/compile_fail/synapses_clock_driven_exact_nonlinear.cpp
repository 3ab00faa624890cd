// expect: brian: method::exact needs linear clock-driven synaptic equations
// method::exact on a non-linear clock-driven synaptic equation.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr parameter<"I", amp> I;
inline constexpr parameter<"w", siemens> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = (ge - v + I * 1_Mohm) / 10_ms, d(ge) / dt = -ge / 5_ms),
                                       threshold(v > 1_mV), reset(v = 0_mV));
inline constexpr state<"s", dimensionless> s;
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, synapse_model(equations(d(s) / dt = -s * s / 5_ms), on_pre(s += 1.0), method::exact));
}
