// expect: brian: cannot access I: a subexpression is computed where used, not stored; record it with a state_monitor
// A subexpression read as a group variable; the BRIAN_COMPILE_FAIL_FIX variant records it.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr subexpression<"I", volt> I;
inline constexpr auto m = neuron_model(equations(d(v) / dt = (I - v) / 10_ms, I = 2 * v));
int main() {
    neuron_group<m> g(10);
#ifdef BRIAN_COMPILE_FAIL_FIX
    state_monitor trace(g, record(I));
    return static_cast<int>(trace.recorded_indices().size());
#else
    return static_cast<int>(g[I].size());
#endif
}
