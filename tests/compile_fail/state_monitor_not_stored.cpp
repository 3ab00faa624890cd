// expect: brian: state_monitor cannot record x: the group does not store it \(no part of its model uses it\)
// Recording a parameter the model does not use; the BRIAN_COMPILE_FAIL_FIX variant declares it.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", dimensionless> x;
#ifdef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms, x));
#else
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms));
#endif
int main() {
    neuron_group<m> g(10);
    state_monitor trace(g, record(v, x), indices{0});
    return static_cast<int>(trace.recorded_indices().size());
}
