// The state update of an uncoupled population, per neuron and step (issue 5): one neuron
// group in a network of its own (no synapses, no monitors; a network_operation counts the
// spikes at the end of each step, a few ns per step), run for a fixed number of steps
// per benchmark iteration. The group's per-step loop is the whole work: refractoriness,
// integration, threshold and the spike list in one fused pass, plus the reset.
// - lif: the CUBA neuron model (v, ge, gi; exact integration, refractory 5 ms) without its
//   synapses, N = 10^5; El = -49 mV lies above threshold, so the neurons fire regularly.
// - hh: the COBAHH neuron model (Traub & Miles; exponential Euler, 6 subexpressions with
//   exp and exprel) without its synapses, N = 2*10^4.
// Counter ns_per_neuron_step: CPU time per neuron and step.
#include <cstddef>
#include <cstdint>

#include <benchmark/benchmark.h>

#include <brian/brian.hpp>

namespace {

using namespace brian;
using namespace brian::literals;

namespace cuba {
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;
constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
constexpr auto Vt = -50_mV, Vr = -60_mV, El = -49_mV;
inline constexpr auto model = neuron_model(equations(d(v) / dt = (ge + gi - (v - El)) / taum | unless_refractory,
                                                     d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui),
                                           threshold(v > Vt), reset(v = Vr), refractory(5_ms), method::exact);
}  // namespace cuba

namespace cobahh {
inline constexpr state<"v", volt> v;
inline constexpr state<"m", dimensionless> m;
inline constexpr state<"n", dimensionless> n;
inline constexpr state<"h", dimensionless> h;
inline constexpr state<"ge", siemens> ge;
inline constexpr state<"gi", siemens> gi;
inline constexpr subexpression<"alpha_m", hertz> alpha_m;
inline constexpr subexpression<"beta_m", hertz> beta_m;
inline constexpr subexpression<"alpha_h", hertz> alpha_h;
inline constexpr subexpression<"beta_h", hertz> beta_h;
inline constexpr subexpression<"alpha_n", hertz> alpha_n;
inline constexpr subexpression<"beta_n", hertz> beta_n;
constexpr auto area = 20000 * um2;
constexpr auto Cm = 1 * ufarad / cm2 * area;
constexpr auto gl = 5e-5 * siemens / cm2 * area;
constexpr auto g_na = 100 * msiemens / cm2 * area;
constexpr auto g_kd = 30 * msiemens / cm2 * area;
constexpr auto El = -60_mV, EK = -90_mV, ENa = 50_mV, VT = -63_mV;
constexpr auto taue = 5_ms, taui = 10_ms;
constexpr auto Ee = 0_mV, Ei = -80_mV;
inline constexpr auto model = neuron_model(
    equations(d(v) / dt = (gl * (El - v) + ge * (Ee - v) + gi * (Ei - v) - g_na * (m * m * m) * h * (v - ENa) -
                           g_kd * (n * n * n * n) * (v - EK)) /
                          Cm,
              d(m) / dt = alpha_m * (1 - m) - beta_m * m, d(n) / dt = alpha_n * (1 - n) - beta_n * n,
              d(h) / dt = alpha_h * (1 - h) - beta_h * h, d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui,
              alpha_m = 0.32 / mV * 4_mV / exprel((13_mV - v + VT) / 4_mV) / ms,
              beta_m = 0.28 / mV * 5_mV / exprel((v - VT - 40_mV) / 5_mV) / ms,
              alpha_h = 0.128 * exp((17_mV - v + VT) / 18_mV) / ms,
              beta_h = 4.0 / (1 + exp((40_mV - v + VT) / 5_mV)) / ms,
              alpha_n = 0.032 / mV * 5_mV / exprel((15_mV - v + VT) / 5_mV) / ms,
              beta_n = 0.5 * exp((10_mV - v + VT) / 40_mV) / ms),
    threshold(v > -20_mV), refractory(3_ms), method::exponential_euler);
}  // namespace cobahh

/// Runs G alone (plus a spike counter at the end of each step) for `steps` steps per
/// benchmark iteration, after a 10 ms warm-up run (page faults, first spikes).
template <class Group>
void run_group(benchmark::State& state, Group& G, int steps) {
    const std::size_t n = G.size();
    std::uint64_t spikes = 0;
    network_operation count([&](auto) { spikes += G.spike_indices().size(); }, 0.1_ms, slot::end);
    network net(G, count);
    net.run(10_ms);
    spikes = 0;
    for (auto _ : state) net.run(steps * 0.1_ms);
    const double neuron_steps = static_cast<double>(state.iterations()) * steps * static_cast<double>(n);
    // ns per item: a rate of (items / 1e9) per second of CPU time, inverted.
    state.counters["ns_per_neuron_step"] = benchmark::Counter(neuron_steps * 1e-9, benchmark::Counter::kIsRate |
                                                                                       benchmark::Counter::kInvert);
    state.counters["spikes_per_neuron_step"] = static_cast<double>(spikes) / neuron_steps;
}

void BM_state_update_lif(benchmark::State& state) {
    neuron_group<cuba::model> G(100'000);
    G[cuba::v] = cuba::Vr + brian::rand() * (cuba::Vt - cuba::Vr);
    run_group(state, G, 100);  // 10 ms per iteration
}

void BM_state_update_hh(benchmark::State& state) {
    neuron_group<cobahh::model> G(20'000);  // m = n = h = 0 as in Brian's example
    G[cobahh::v] = cobahh::El + (brian::randn() * 5 - 5) * mV;
    G[cobahh::ge] = (brian::randn() * 1.5 + 4) * 10 * nS;
    G[cobahh::gi] = (brian::randn() * 12 + 20) * 10 * nS;
    run_group(state, G, 20);  // 2 ms per iteration
}

BENCHMARK(BM_state_update_lif)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_state_update_hh)->Unit(benchmark::kMillisecond);

}  // namespace
