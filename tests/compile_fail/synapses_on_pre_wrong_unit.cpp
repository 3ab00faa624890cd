// expect: brian: cannot assign s to ge \(unit V\)
// on_pre adds a time to a voltage: the statement's unit rule, at the user's line.
#include "synapses_fixture.hpp"
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, on_pre(post(ge) += 1_ms));
}
