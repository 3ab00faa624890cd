// expect: brian: on_pre\(...\)/on_post\(...\) uses pre\(x\) or post\(x\) for a variable that the source or target group does not store
// post(x) of a variable the target's model does not have.
#include "synapses_fixture.hpp"
inline constexpr state<"gi", volt> gi;
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, on_pre(post(gi) += 1_mV));
}
