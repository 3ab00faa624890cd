// Whole-model benchmark (issue 5): the CUBA neuron model (../examples/cuba.cpp) without
// its synapses: N = 10^5 uncoupled LIF neurons (v, ge, gi; exact integration, refractory
// 5 ms), v uniform in [Vr, Vt] at the start, El = -49 mV above threshold so that every
// neuron fires regularly (about 50 Hz); a spike monitor; 1 s. Measures the state update,
// threshold, reset and spike recording of a large population. The examples' command line
// (--N --duration --seed --threads --out) and their final JSON line.
#include <brian/brian.hpp>

#include <cstdio>

#include "common/cli.hpp"

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

int main(int argc, char** argv) {
    const auto opt = example::parse(argc, argv);
    const long long n = opt.N > 0 ? opt.N : 100'000;
    const double duration = opt.duration > 0 ? opt.duration : 1.0;
    seed(opt.seed);

    neuron_group<cuba> P(static_cast<std::size_t>(n));
    P[v] = Vr + brian::rand() * (Vt - Vr);

    spike_monitor spikes(P);
    network net(P, spikes);
    net.set_threads(static_cast<unsigned>(opt.threads));
    const double t_sim = example::timed([&] { net.run(duration * second); });

    example::write_spikes(opt.out, spikes, P.clock().dt());
    example::summary("uncoupled_lif", n, duration, t_sim, spikes.num_spikes());
}
