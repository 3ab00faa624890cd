// expect: brian: neuron_group<model, \.\.\.> takes one policy, precision<float> or precision<double>
// A network's execution policy given to a group.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr auto m = neuron_model(equations(d(v) / dt = -v / 10_ms));
int main() {
    neuron_group<m, execution::threads> g(10);
    return static_cast<int>(g.size());
}
