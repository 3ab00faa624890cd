// expect: brian: delay<"name">\(...\) names no pathway of the synapse model
// A delay for a pathway the model does not have (a typo in the name).
#include "synapses_fixture.hpp"
inline constexpr auto s = synapse_model(on_pre<"up">(post(ge) += 1_mV), delay<"upp">(1_ms));
int main() {}
