// expect: brian: method::exact needs linear clock-driven synaptic equations
// method::exact on a non-linear clock-driven synaptic equation.
#include "synapses_fixture.hpp"
inline constexpr state<"s", dimensionless> s;
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, synapse_model(equations(d(s) / dt = -s * s / 5_ms), on_pre(s += 1.0), method::exact));
}
