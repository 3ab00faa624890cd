// Neurons with gap junctions (Brian 2's examples/synapses/gapjunctions.py): 10 LIF cells
// with dimensionless v, a common drive v0 = 1.05 above threshold 1, initial v spread
// evenly over [0, 1], coupled all to all by gap junctions of conductance 0.02 (a summed
// variable, library::gap_junction): each cell's current pulls its v towards the others'.
// Prints the first and last spike time of each cell; deterministic, and equal to Brian's
// 123 spikes step for step (tests/validation/gap_junctions.cpp).
#include <brian/brian.hpp>
#include <brian/library/gap_junction.hpp>
#include <brian/synapses.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", dimensionless> v;
inline constexpr parameter<"Igap", dimensionless> Igap;  // the gap-junction current (summed)
inline constexpr parameter<"w", dimensionless> w;        // the gap-junction conductance

constexpr double v0 = 1.05;
constexpr auto tau = 10_ms;

inline constexpr auto cell = neuron_model(equations(d(v) / dt = (v0 - v + Igap) / tau), threshold(v > 1.0),
                                          reset(v = 0.0), method::exact);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 10, .duration = 0.5, .N_min = 2, .N_max = 30000});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    neuron_group<cell> neurons(static_cast<std::size_t>(n), "neurons");
    neurons[v] = i * 1.0 / (N - 1.0);
    synapses S(neurons, neurons, library::gap_junction(Igap, v, w), "S");
    S.connect();
    S[w] = 0.02;
    spike_monitor spikes(neurons);
    network net(neurons, S, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    const auto idx = spikes.i();
    const auto t = spikes.t(ms);
    std::vector<double> first(static_cast<std::size_t>(n), -1.0), last(static_cast<std::size_t>(n), -1.0);
    for (std::size_t k = 0; k < idx.size(); ++k) {
        const auto c = static_cast<std::size_t>(idx(k));
        if (first[c] < 0) first[c] = t(k);
        last[c] = t(k);
    }
    for (std::size_t c = 0; c < first.size(); ++c)
        std::fprintf(stderr, "gap_junctions: cell %zu first spike %.1f ms, last %.1f ms\n", c, first[c], last[c]);
    const auto [lo, hi] = std::minmax_element(last.begin(), last.end());
    std::fprintf(stderr, "gap_junctions: first spikes spread over %.1f ms, last spikes over %.1f ms\n",
                 *std::max_element(first.begin(), first.end()) - *std::min_element(first.begin(), first.end()),
                 *hi - *lo);
    example::write_spikes(opt.out, spikes, neurons.clock().dt());
    example::summary("gap_junctions", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
