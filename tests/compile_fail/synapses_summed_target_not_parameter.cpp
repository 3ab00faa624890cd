// expect: brian: a summed variable must be a parameter<...> of the target
// Brian's summed variables set a parameter of the group; v is a state with its own equation.
#include "synapses_fixture.hpp"
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, synapse_model(summed(post(v) = pre(v) - post(v))));
}
