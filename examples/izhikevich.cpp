// The firing patterns of Izhikevich's simple model (Izhikevich 2003, IEEE Trans. Neural
// Netw. 14:1569, Fig. 2): one equation pair, four per-neuron parameters a, b, c, d.
// Neuron k gets pattern k mod 7; after 20 ms at rest, a step I = 10 (mV/ms in the paper's
// units) drives all of them. Prints spike counts and the first interspike intervals.
#include <brian/brian.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

// The paper's variables are in mV and ms: u and I are "voltages" and the right-hand
// side of dv/dt is in mV/ms, so its numbers carry /mV, mV and /ms explicitly.
inline constexpr state<"v", volt> v;
inline constexpr state<"u", volt> u;
inline constexpr parameter<"I", volt> I;
inline constexpr parameter<"a", dimensionless> a;  // recovery rate (1/ms)
inline constexpr parameter<"b", dimensionless> b;  // sensitivity of u to v
inline constexpr parameter<"c", volt> c;           // reset potential
inline constexpr parameter<"d", volt> d_;          // jump of u at a spike (`d` is d(v)/dt)

inline constexpr auto izhikevich = neuron_model(
    equations(d(v) / dt = (0.04 / mV * v * v + 5 * v + 140_mV - u + I) / ms, d(u) / dt = a * (b * v - u) / ms),
    threshold(v >= 30_mV), reset(v = c, u += d_), method::euler);

struct pattern {
    const char* name;
    double a, b, c_mV, d_mV;
};
// Fig. 2 of the paper.
constexpr std::array<pattern, 7> patterns{{
    {"regular spiking (RS)", 0.02, 0.2, -65, 8},
    {"intrinsically bursting (IB)", 0.02, 0.2, -55, 4},
    {"chattering (CH)", 0.02, 0.2, -50, 2},
    {"fast spiking (FS)", 0.1, 0.2, -65, 2},
    {"low-threshold spiking (LTS)", 0.02, 0.25, -65, 2},
    {"thalamo-cortical (TC)", 0.02, 0.25, -65, 0.05},
    {"resonator (RZ)", 0.1, 0.26, -65, 2},
}};

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = static_cast<long long>(patterns.size()), .duration = 0.5});
    const long long n = opt.N;
    const double duration = opt.duration;
    const double quiet = std::min(0.02, duration / 2);  // seconds at rest before the step
    seed(opt.seed);

    neuron_group<izhikevich> G(static_cast<std::size_t>(n));
    std::vector<double> va, vb, vc, vd;
    for (long long k = 0; k < n; ++k) {
        const auto& p = patterns[static_cast<std::size_t>(k) % patterns.size()];
        va.push_back(p.a);
        vb.push_back(p.b);
        vc.push_back(p.c_mV);
        vd.push_back(p.d_mV);
    }
    G[a].set(va, dimensionless);
    G[b].set(vb, dimensionless);
    G[c].set(vc, mV);
    G[d_].set(vd, mV);
    G[v] = -65_mV;
    G[u] = b * v;
    G[I] = 0_mV;

    spike_monitor spikes(G);
    network net(G, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] {
        net.run(quiet * second);
        G[I] = 10_mV;
        net.run((duration - quiet) * second);
    });

    const auto trains = spikes.spike_trains();
    std::printf("I = 10 mV (the paper's I = 10) from t = %g ms to %g ms\n", quiet * 1e3, duration * 1e3);
    for (std::size_t k = 0; k < patterns.size() && k < static_cast<std::size_t>(n); ++k) {
        const auto& train = trains[k];
        std::printf("%-28s %4zu spikes, ISIs (ms):", patterns[k].name, train.size());
        for (std::size_t s = 1; s < train.size() && s <= 8; ++s) std::printf(" %5.1f", (train(s) - train(s - 1)) * 1e3);
        if (train.size() > 9) std::printf(" ... %5.1f", (train(train.size() - 1) - train(train.size() - 2)) * 1e3);
        std::printf("\n");
    }
    example::write_spikes(opt.out, spikes, G.clock().dt());
    example::summary("izhikevich", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
