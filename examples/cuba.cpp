// The Brian 2 CUBA benchmark (Brette et al. 2007, benchmark 2; ../shared/brian2/cuba.py):
// 4000 LIF neurons with current-based exponential synapses, 80 % excitatory, random
// connectivity with p = 0.02 (scaled as p = 0.02·4000/N for other N), no delay, 1 s.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <cmath>
#include <cstdio>

#include "common/cli.hpp"
#include "common/precision.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;

constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
constexpr auto Vt = -50_mV, Vr = -60_mV, El = -49_mV;

inline constexpr auto cuba = neuron_model(equations(d(v) / dt = (ge + gi - (v - El)) / taum | unless_refractory,
                                                    d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui),
                                          threshold(v > Vt), reset(v = Vr), refractory(5_ms), method::exact);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 4000, .duration = 1.0, .N_min = 10, .N_max = 10000000});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    const auto N_total = static_cast<std::size_t>(n);
    const auto Ne = static_cast<std::size_t>(std::llround(0.8 * static_cast<double>(n)));
    const double p = std::min(1.0, 0.02 * 4000.0 / static_cast<double>(n));  // mean in-degree 80

    neuron_group<cuba, example::state_precision> P(N_total);
    P[v] = Vr + brian::rand() * (Vt - Vr);

    synapses Ce(P.slice(0, Ne), P, on_pre(post(ge) += 1.62_mV), "Ce");
    synapses Ci(P.slice(Ne, N_total), P, on_pre(post(gi) += -9_mV), "Ci");
    const double t_build = example::timed([&] {
        Ce.connect(probability(p));
        Ci.connect(probability(p));
    });

    spike_monitor spikes(P);
    network net(P, Ce, Ci, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    std::fprintf(stderr, "cuba: %zu + %zu synapses (built in %.3f s)\n", Ce.size(), Ci.size(), t_build);
    example::write_spikes(opt.out, spikes, P.clock().dt());
    example::summary("cuba", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
