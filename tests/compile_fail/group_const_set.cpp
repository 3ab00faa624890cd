// expect: brian: cannot set a variable of a const group
// Writing through a const group; the BRIAN_COMPILE_FAIL_FIX variant only reads.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms));
double reset_and_read(const neuron_group<m>& g) {
#ifndef BRIAN_COMPILE_FAIL_FIX
    g[v] = -70_mV;
#endif
    return g[v][0].in(mV);
}
int main() {
    neuron_group<m> g(10);
    return static_cast<int>(reset_and_read(g));
}
