// Threshold and reset (issue 5): a LIF population (N = 10^5, no synapses, no
// refractoriness, exact integration) driven by a constant RI, from none to all of the
// neurons spiking in every step. The state update is the same in every case, so the
// differences between the cases are the cost of the spikes: the spike list and the reset.
//   dv/dt = (El - v + RI) / tau,  v > -50 mV -> v = -60 mV,  El = -60 mV, tau = 10 ms.
// From the reset, a neuron reaches the threshold after k steps if RI (1 - exp(-k dt/tau))
// > 10 mV: RI = 0 never (v relaxes to El), 16 mV about every 100 steps, 106 mV every
// 10 steps, 510 mV every 2 steps, 2000 mV every step. v starts uniform in [Vr, Vt], so spikes spread over steps.
// Counters: ns_per_neuron_step (CPU time) and spikes_per_neuron_step (measured).
#include <cstddef>
#include <cstdint>

#include <benchmark/benchmark.h>

#include <brian/brian.hpp>

namespace {

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr parameter<"RI", volt> RI;
constexpr auto tau = 10_ms;
constexpr auto El = -60_mV, Vt = -50_mV, Vr = -60_mV;

inline constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v + RI) / tau), threshold(v > Vt), reset(v = Vr),
                                         method::exact);

constexpr int steps = 100;  // 10 ms per iteration

void BM_threshold(benchmark::State& state) {
    constexpr std::size_t n = 100'000;
    neuron_group<lif> G(n);
    G[v] = Vr + brian::rand() * (Vt - Vr);
    G[RI] = static_cast<double>(state.range(0)) * mV;
    std::uint64_t spikes = 0;
    network_operation count([&](auto) { spikes += G.spike_indices().size(); }, 0.1_ms, slot::end);
    network net(G, count);
    net.run(10_ms);  // warm-up
    spikes = 0;
    for (auto _ : state) net.run(steps * 0.1_ms);
    const double neuron_steps = static_cast<double>(state.iterations()) * steps * static_cast<double>(n);
    state.counters["ns_per_neuron_step"] = benchmark::Counter(neuron_steps * 1e-9, benchmark::Counter::kIsRate |
                                                                                       benchmark::Counter::kInvert);
    state.counters["spikes_per_neuron_step"] = static_cast<double>(spikes) / neuron_steps;
}

BENCHMARK(BM_threshold)
    ->ArgName("RI_mV")
    ->Arg(0)
    ->Arg(16)
    ->Arg(106)
    ->Arg(510)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
