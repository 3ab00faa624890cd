// expect: brian: spike_monitor records the spikes of a neuron_group \(or a slice of one\), a poisson_group or a spike_generator_group
// A spike monitor of a state monitor; the BRIAN_COMPILE_FAIL_FIX variant monitors the group.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms), threshold(v > 1_mV), reset(v = 0_mV));
int main() {
    neuron_group<m> g(10);
    state_monitor trace(g, record(v));
#ifdef BRIAN_COMPILE_FAIL_FIX
    spike_monitor spikes(g);
#else
    spike_monitor spikes(trace);
#endif
    return static_cast<int>(spikes.num_spikes());
}
