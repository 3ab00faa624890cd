// A staircase current, given as a timed array sampled every 1 ms (Brian's TimedArray),
// drives leaky integrate-and-fire neurons of different input resistances: 10 steps of
// 0.05 nA from 0 to 0.45 nA over the run; neuron k has Rm = 80 Mohm + 40 Mohm·k/(N-1).
// Prints the spike count of each neuron on each step (an f–I curve from one run).
#include <brian/brian.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr timed_array<"I_ext", amp> I_ext;  // values set in main
inline constexpr state<"v", volt> v;
inline constexpr parameter<"Rm", ohm> Rm;

constexpr auto tau = 20_ms;
constexpr auto El = -70_mV, Vr = -70_mV, Vt = -50_mV;

// I_ext is constant over each 0.1 ms step (its grid is 1 ms), so exponential Euler is the
// exact solution here: what Brian 2's `exact` gives for a TimedArray on a coarser grid.
inline constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v + Rm * I_ext(t)) / tau | unless_refractory),
                                         threshold(v > Vt), reset(v = Vr), refractory(2_ms), method::exponential_euler);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 5, .duration = 1.0, .duration_min = 0.01});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    constexpr int levels = 10;
    constexpr double step_nA = 0.05;
    const auto samples = static_cast<std::size_t>(std::llround(duration / 1e-3));  // one per ms
    std::vector<double> staircase(samples);
    for (std::size_t k = 0; k < samples; ++k) staircase[k] = step_nA * static_cast<double>(k * levels / samples);
    I_ext.set(staircase, nA, 1_ms);

    neuron_group<lif> G(static_cast<std::size_t>(n));
    G[v] = El;
    if (n == 1) G[Rm] = 100_Mohm;
    else G[Rm] = 80_Mohm + 40_Mohm * i / (N - 1);

    spike_monitor spikes(G);
    network net(G, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    // Spike counts per neuron and step of the staircase.
    std::vector<long long> counts(static_cast<std::size_t>(n) * levels);
    const auto who = spikes.i();
    const auto when = spikes.t();
    const double level_duration = static_cast<double>(samples) * 1e-3 / levels;
    for (std::size_t s = 0; s < spikes.num_spikes(); ++s) {
        const auto level = std::min(static_cast<long long>(when(s) / level_duration), levels - 1LL);
        ++counts[static_cast<std::size_t>(who(s)) * levels + static_cast<std::size_t>(level)];
    }
    const long long shown = std::min(n, 8LL);
    std::printf("spikes per %.0f ms step, neurons with Rm =", level_duration * 1e3);
    for (long long k = 0; k < shown; ++k) std::printf(" %5.0f", G[Rm][static_cast<std::size_t>(k)].in(Mohm));
    std::printf(" Mohm\n");
    for (int level = 0; level < levels; ++level) {
        std::printf("I_ext = %.2f nA:                      ", step_nA * level);
        for (long long k = 0; k < shown; ++k)
            std::printf(" %5lld", counts[static_cast<std::size_t>(k) * levels + level]);
        std::printf("\n");
    }
    example::write_spikes(opt.out, spikes, G.clock().dt());
    example::summary("timed_input", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
