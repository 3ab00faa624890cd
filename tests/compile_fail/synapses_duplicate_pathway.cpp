// expect: brian: two pathways of a synapse model have the same name
// Two on_pre pathways without names are both "pre".
#include "synapses_fixture.hpp"
inline constexpr auto s = synapse_model(on_pre(post(ge) += 1_mV), on_pre(post(ge) += 2_mV));
int main() {}
