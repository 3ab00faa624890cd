// Synaptic propagation (issue 5): a spike_generator_group of N = 4000 neurons onto a
// target of 4000 through `synapses S(G, T, on_pre(post(ge) += 1.62_mV));
// S.connect(probability(0.02))` (about 320 000 synapses, 80 per source). Neuron k spikes
// in every step s with s = k (mod P), so a fraction 1/P of the sources spikes in each step
// and each synapse transmits once every P steps: S.size() / P events per step.
// The target only decays ge (exact integration, no threshold).
// - BM_propagation/period:P: generator, target and synapses; counter ns_per_event (CPU
//   time per synaptic event, everything included) and events_per_step.
// - BM_no_synapses/period:P: the same generator and target without the synapses: the
//   rest of the step, to subtract (ns_per_step).
#include <cstddef>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include <brian/brian.hpp>
#include <brian/synapses.hpp>

namespace {

using namespace brian;
using namespace brian::literals;

inline constexpr state<"ge", volt> ge;
inline constexpr auto target_model = neuron_model(equations(d(ge) / dt = -ge / 5_ms), method::exact);

constexpr std::size_t n = 4000;
constexpr int steps = 100;  // 10 ms per iteration, a multiple of every period

/// Neuron k spikes at step k mod P of a period of P steps.
spike_generator_group make_generator(int period) {
    std::vector<std::int32_t> indices(n);
    std::vector<double> times(n);
    for (std::size_t k = 0; k < n; ++k) {
        indices[k] = static_cast<std::int32_t>(k);
        times[k] = 0.1 * static_cast<double>(k % static_cast<std::size_t>(period));  // ms
    }
    return spike_generator_group(n, std::move(indices), std::move(times), ms, period * 0.1_ms);
}

void BM_propagation(benchmark::State& state) {
    const int period = static_cast<int>(state.range(0));
    auto G = make_generator(period);
    neuron_group<target_model> T(n);
    synapses S(G, T, on_pre(post(ge) += 1.62_mV));
    S.connect(probability(0.02));
    network net(G, T, S);
    net.run(10_ms);  // warm-up
    for (auto _ : state) net.run(steps * 0.1_ms);
    const double events_per_step = static_cast<double>(S.size()) / period;
    const double events = static_cast<double>(state.iterations()) * steps * events_per_step;
    state.counters["ns_per_event"] = benchmark::Counter(events * 1e-9,
                                                        benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.counters["events_per_step"] = events_per_step;
    state.counters["synapses"] = static_cast<double>(S.size());
}

void BM_no_synapses(benchmark::State& state) {
    const int period = static_cast<int>(state.range(0));
    auto G = make_generator(period);
    neuron_group<target_model> T(n);
    network net(G, T);
    net.run(10_ms);
    for (auto _ : state) net.run(steps * 0.1_ms);
    state.counters["ns_per_step"] = benchmark::Counter(static_cast<double>(state.iterations()) * steps * 1e-9,
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK(BM_propagation)->ArgName("period")->Arg(100)->Arg(10)->Arg(2)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_no_synapses)->ArgName("period")->Arg(100)->Arg(10)->Arg(2)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
