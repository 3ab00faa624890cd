// expect: brian: cannot assign V to I \(unit A\)
// A summed current computed as a voltage.
#include "synapses_fixture.hpp"
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, synapse_model(summed(post(I) = pre(v) - post(v))));
}
