// expect: brian: network\(\.\.\.\) takes objects that the network can run
// A plain value among the network's objects.
#include "synapses_fixture.hpp"
int main() {
    neuron_group<m> G(10);
    double x = 0;
    network net(G, x);
}
