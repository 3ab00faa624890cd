// expect: brian: on_pre\(...\)/on_post\(...\) uses pre\(x\) or post\(x\) for a variable that the source or target group does not store
// post(x) of a variable the target's model does not have.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr parameter<"I", amp> I;
inline constexpr parameter<"w", siemens> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = (ge - v + I * 1_Mohm) / 10_ms, d(ge) / dt = -ge / 5_ms),
                                       threshold(v > 1_mV), reset(v = 0_mV));
inline constexpr state<"gi", volt> gi;
int main() {
    neuron_group<m> G(2);
    synapses S(G, G, on_pre(post(gi) += 1_mV));
}
