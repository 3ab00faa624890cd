// expect: brian: synapses\(source, target, model\): the model must be on_pre
// A statement where on_pre(...) is due: one line, not the deduction guides' list.
#include "synapses_fixture.hpp"
int main() {
    neuron_group<m> G(10);
    synapses S(G, G, post(ge) += 1_mV);
    S.connect();
}
