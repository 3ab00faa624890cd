// expect: brian: connect\(\.\.\.\) takes \(\), \(one_to_one\)
// A bare number where connect wants probability(p): one line naming the accepted forms.
#include "synapses_fixture.hpp"
int main() {
    neuron_group<m> G(10);
    synapses S(G, G, on_pre(post(ge) += 1_mV));
    S.connect(0.1);
}
