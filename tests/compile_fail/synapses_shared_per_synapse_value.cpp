// expect: brian: a shared synaptic variable takes one value
// A shared synaptic variable set from a per-synapse expression.
#include "synapses_fixture.hpp"
inline constexpr shared<"plastic", dimensionless> plastic;
int main() {
    neuron_group<m> G(10);
    synapses S(G, G, synapse_model(on_pre(post(ge) += plastic * 1_mV)));
    S.connect();
    S[plastic] = j * 1.0;
}
