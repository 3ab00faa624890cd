// The COBA benchmark (Brette et al. 2007, benchmark 1, after Vogels & Abbott 2005;
// ../shared/brian2/coba.py): 4000 conductance-based LIF neurons, 80 % excitatory,
// conductances in units of the leak conductance (we = 6 nS / 10 nS, wi = 67 nS / 10 nS),
// random connectivity with p = 0.02 (p = 0.02·4000/N for other N, i.e. a mean in-degree
// of 80), no delay, no external input (activity is sustained by the random initial
// conductances), forward Euler, dt = 0.1 ms, 1 s.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/cli.hpp"
#include "common/precision.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", dimensionless> ge;  // excitatory conductance / leak conductance
inline constexpr state<"gi", dimensionless> gi;  // inhibitory conductance / leak conductance

constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
constexpr auto Vt = -50_mV, Vr = -60_mV, El = -60_mV;
constexpr auto Ee = 0_mV, Ei = -80_mV;
constexpr double we = 6.0 / 10.0, wi = 67.0 / 10.0;

inline constexpr auto coba = neuron_model(
    equations(d(v) / dt = (ge * (Ee - v) + gi * (Ei - v) - (v - El)) / taum | unless_refractory,
              d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui),
    threshold(v > Vt), reset(v = Vr), refractory(5_ms), method::euler);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 4000, .duration = 1.0, .N_min = 10, .N_max = 10000000});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    const auto N_total = static_cast<std::size_t>(n);
    const auto Ne = static_cast<std::size_t>(std::llround(0.8 * static_cast<double>(n)));
    const double p = std::min(1.0, 0.02 * 4000.0 / static_cast<double>(n));  // mean in-degree 80

    neuron_group<coba, example::state_precision> P(N_total);
    synapses Ce(P.slice(0, Ne), P, on_pre(post(ge) += we), "Ce");
    synapses Ci(P.slice(Ne, N_total), P, on_pre(post(gi) += wi), "Ci");
    const double t_build = example::timed([&] {
        Ce.connect(probability(p));
        Ci.connect(probability(p));
    });
    P[v] = El + (brian::randn() * 5 - 5) * mV;
    P[ge] = brian::randn() * 1.5 + 4;
    P[gi] = brian::randn() * 12 + 20;

    spike_monitor spikes(P);
    network net(P, Ce, Ci, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    std::fprintf(stderr, "coba: %zu + %zu synapses (built in %.3f s)\n", Ce.size(), Ci.size(), t_build);
    example::write_spikes(opt.out, spikes, P.clock().dt());
    example::summary("coba", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
