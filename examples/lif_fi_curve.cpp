// The f–I curve of a leaky integrate-and-fire neuron (../shared/brian2/lif_single.py):
// neuron k receives RI_k = 20 mV + 20 mV·k/(N-1) (N = 1: 25 mV), integrated exactly.
#include <brian/brian.hpp>

#include <cstdio>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr parameter<"RI", volt> RI;  // drive, one per neuron

constexpr auto tau = 20_ms;
constexpr auto El = -70_mV, Vr = -70_mV, Vt = -50_mV;

inline constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v + RI) / tau | unless_refractory),
                                         threshold(v > Vt), reset(v = Vr), refractory(2_ms), method::exact);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 21, .duration = 1.0});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    neuron_group<lif> G(static_cast<std::size_t>(n));
    G[v] = El;
    if (n == 1) G[RI] = 25_mV;
    else G[RI] = 20_mV + 20_mV * i / (N - 1);  // per neuron, from its index

    spike_monitor spikes(G);
    network net(G, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    const auto count = spikes.count();
    for (long long k = 0; k < n && n <= 50; ++k)
        std::printf("RI = %6.2f mV: %3lld spikes, %.1f Hz\n", G[RI][static_cast<std::size_t>(k)].in(mV),
                    static_cast<long long>(count(k)), static_cast<double>(count(k)) / duration);
    example::write_spikes(opt.out, spikes, G.clock().dt());
    example::summary("lif_fi_curve", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
