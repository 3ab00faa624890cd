// Spike-timing-dependent plasticity (Song, Miller & Abbott 2000; Brian 2 example
// synapses/STDP.py, ../shared/brian2/stdp.py): N = 1000 Poisson inputs at 15 Hz drive one
// conductance-based LIF neuron through plastic synapses with additive, trace-based STDP
// (event-driven Apre/Apost), weights clipped to [0, gmax]. dt = 0.1 ms, Euler.
//
// The default run is short (10 s, under 1 s of CPU) for CTest; `stdp_song --duration 100` is the paper's
// (and Brian 2's) 100 s, after which the weight distribution is bimodal (most weights
// near 0 or near gmax). Prints the final histogram of w/gmax (20 bins) on stderr and in
// the JSON line.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <cstdio>
#include <string>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", dimensionless> ge;
inline constexpr parameter<"w", dimensionless> w;
inline constexpr state<"Apre", dimensionless> Apre;
inline constexpr state<"Apost", dimensionless> Apost;

constexpr auto taum = 10_ms, taupre = 20_ms, taupost = taupre, taue = 5_ms;
constexpr auto Ee = 0_mV, vt = -54_mV, vr = -60_mV, El = -74_mV;
constexpr double gmax = 0.01;
constexpr double dApre = 0.01 * gmax;
constexpr double dApost = -0.01 * 1.05 * gmax;  // -dApre * taupre / taupost * 1.05

inline constexpr auto neuron = neuron_model(
    equations(d(v) / dt = (ge * (Ee - v) + El - v) / taum, d(ge) / dt = -ge / taue), threshold(v > vt), reset(v = vr),
    method::euler);

inline constexpr auto stdp = synapse_model(
    equations(d(Apre) / dt = -Apre / taupre | event_driven, d(Apost) / dt = -Apost / taupost | event_driven),
    on_pre(post(ge) += w, Apre += dApre, w = clip(w + Apost, 0.0, gmax)),
    on_post(Apost += dApost, w = clip(w + Apre, 0.0, gmax)));

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 1000, .duration = 10.0});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    poisson_group input(static_cast<std::size_t>(n), 15_Hz);
    neuron_group<neuron> post_neuron(1);
    synapses S(input, post_neuron, stdp, "S");
    S.connect();
    S[w] = brian::rand() * gmax;

    spike_monitor spikes(post_neuron);
    network net(input, post_neuron, S, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    const auto wf = S[w].in(dimensionless);
    int hist[20] = {};
    double mean = 0.0, low = 0.0, high = 0.0;
    for (double x : wf) {
        const double r = x / gmax;
        int b = static_cast<int>(r * 20.0);
        hist[b < 0 ? 0 : b > 19 ? 19 : b] += 1;
        mean += r;
        low += r < 0.1;
        high += r > 0.9;
    }
    const double m = static_cast<double>(wf.size());
    std::string h = "[";
    for (int b = 0; b < 20; ++b) h += std::to_string(hist[b]) + (b < 19 ? ", " : "]");
    std::fprintf(stderr, "stdp_song: w/gmax histogram (20 bins) %s\n", h.c_str());
    std::fprintf(stderr, "stdp_song: mean w/gmax %.4f, below 0.1: %.3f, above 0.9: %.3f, post rate %.2f Hz\n", mean / m,
                 low / m, high / m, static_cast<double>(spikes.num_spikes()) / duration);
    example::write_spikes(opt.out, spikes, post_neuron.clock().dt());
    std::printf(
        "{\"model\": \"stdp_song\", \"N\": %lld, \"duration_s\": %g, \"t_sim_s\": %.6f, \"n_spikes\": %zu, "
        "\"rate_hz\": %.6f, \"w_mean_over_gmax\": %.5f, \"frac_w_below_0.1gmax\": %.4f, "
        "\"frac_w_above_0.9gmax\": %.4f, \"w_hist20_over_gmax\": %s}\n",
        n, duration, t_sim, spikes.num_spikes(), static_cast<double>(spikes.num_spikes()) / duration, mean / m, low / m,
        high / m, h.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
