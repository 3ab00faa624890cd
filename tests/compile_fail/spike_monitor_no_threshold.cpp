// expect: brian: spike_monitor of a group whose model has no threshold\(\.\.\.\): it never spikes
// A spike monitor of a group that cannot spike; the BRIAN_COMPILE_FAIL_FIX variant adds a threshold.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
#ifdef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms), threshold(v > 1_mV), reset(v = 0_mV));
#else
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms));
#endif
int main() {
    neuron_group<m> g(10);
    spike_monitor spikes(g);
    return static_cast<int>(spikes.num_spikes());
}
