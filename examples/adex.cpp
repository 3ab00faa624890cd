// The adaptive exponential integrate-and-fire neuron (Brette & Gerstner 2005, J.
// Neurophysiol. 94:3637; Brian 2's examples/frompapers/Brette_Gerstner_2005.py), regular
// spiking parameters. After 20 ms at rest a current step is switched on: N = 1: 1 nA;
// N = n: I_k = 0.5 nA + 1.5 nA·k/(n-1). The adaptation current w grows by b at each
// spike, so the interspike intervals lengthen until they settle.
#include <brian/brian.hpp>

#include <algorithm>
#include <cstdio>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"w", amp> w;  // adaptation current
inline constexpr parameter<"I", amp> I;

constexpr auto Cm = 281_pF;
constexpr auto gL = 30_nS;
constexpr auto EL = -70.6_mV;
constexpr auto VT = -50.4_mV;
constexpr auto DeltaT = 2_mV;
constexpr auto Vcut = VT + 5 * DeltaT;
// Regular spiking (the paper's Fig. 2); bursting: tauw = 20 ms, b = 0.5 nA, Vr = VT + 5 mV.
constexpr auto tauw = 144_ms;
constexpr auto a = 4_nS;
constexpr auto b = 0.0805_nA;
constexpr auto Vr = -70.6_mV;

inline constexpr auto adex = neuron_model(
    equations(d(v) / dt = (gL * (EL - v) + gL * DeltaT * exp((v - VT) / DeltaT) + I - w) / Cm,
              d(w) / dt = (a * (v - EL) - w) / tauw),
    threshold(v > Vcut), reset(v = Vr, w += b), method::euler);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 1, .duration = 0.5});
    const long long n = opt.N;
    const double duration = opt.duration;
    const double quiet = std::min(0.02, duration / 2);  // seconds at rest before the step
    seed(opt.seed);

    neuron_group<adex> G(static_cast<std::size_t>(n));
    G[v] = EL;
    G[w] = 0_nA;
    G[I] = 0_nA;

    spike_monitor spikes(G);
    network net(G, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] {
        net.run(quiet * second);
        if (n == 1) G[I] = 1_nA;
        else G[I] = 0.5_nA + 1.5_nA * i / (N - 1);
        net.run((duration - quiet) * second);
    });

    const auto trains = spikes.spike_trains();
    for (long long k = 0; k < n && k < 10; ++k) {
        const auto& train = trains[static_cast<std::size_t>(k)];
        std::printf("I = %.2f nA: %3zu spikes", G[I][static_cast<std::size_t>(k)].in(nA), train.size());
        if (train.size() >= 3) {
            const double first = train(1) - train(0), last = train(train.size() - 1) - train(train.size() - 2);
            std::printf(", ISIs (ms):");
            for (std::size_t s = 1; s < train.size() && s <= 6; ++s)
                std::printf(" %.1f", (train(s) - train(s - 1)) * 1e3);
            std::printf(" ... %.1f; adaptation last/first ISI = %.2f, w = %.3f nA", last * 1e3, last / first,
                        G[w][static_cast<std::size_t>(k)].in(nA));
        }
        std::printf("\n");
    }
    example::write_spikes(opt.out, spikes, G.clock().dt());
    example::summary("adex", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
