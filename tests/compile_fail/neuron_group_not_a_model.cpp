// expect: brian: neuron_group<model> needs a model made by neuron_model\(\.\.\.\)
// Equations alone given to a group; the BRIAN_COMPILE_FAIL_FIX variant wraps them in a model.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr auto eqs = equations(d(v) / dt = -v / 10_ms);
#ifdef BRIAN_COMPILE_FAIL_FIX
inline constexpr auto model = neuron_model(eqs);
#else
inline constexpr auto model = eqs;
#endif
int main() {
    neuron_group<model> g(10);
    return static_cast<int>(g.size());
}
