// expect: brian: synapses\(source, target, model\): source and target must be groups that spike
// A number where the source group is due.
#include "synapses_fixture.hpp"
int main() {
    neuron_group<m> G(10);
    synapses S(10, G, on_pre(post(ge) += 1_mV));
}
