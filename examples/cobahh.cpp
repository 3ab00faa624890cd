// The COBAHH benchmark (Brette et al. 2007, benchmark 3; Brian 2 example COBAHH.py,
// ../shared/brian2/cobahh.py): 4000 Hodgkin–Huxley neurons (Traub & Miles) with
// conductance-based exponential synapses, 80 % excitatory, random connectivity with
// p = 0.02 (p = 0.02·4000/N for other N, i.e. a mean in-degree of 80), no delay, no
// external input, exponential Euler, dt = 0.1 ms, 1 s. Threshold v > -20 mV with a 3 ms
// refractory period and no reset (refractoriness only gates spike detection).
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
constexpr auto we = 6_nS, wi = 67_nS;

inline constexpr auto cobahh = neuron_model(
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

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 4000, .duration = 1.0, .N_min = 10, .N_max = 10000000});
    const long long count = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    const auto N_total = static_cast<std::size_t>(count);
    const auto Ne = static_cast<std::size_t>(std::llround(0.8 * static_cast<double>(count)));
    const double p = std::min(1.0, 0.02 * 4000.0 / static_cast<double>(count));  // mean in-degree 80

    neuron_group<cobahh, example::state_precision> P(N_total);
    synapses Ce(P.slice(0, Ne), P, on_pre(post(ge) += we), "Ce");
    synapses Ci(P.slice(Ne, N_total), P, on_pre(post(gi) += wi), "Ci");
    const double t_build = example::timed([&] {
        Ce.connect(probability(p));
        Ci.connect(probability(p));
    });
    // m = n = h = 0 as in Brian's example
    P[v] = El + (brian::randn() * 5 - 5) * mV;
    P[ge] = (brian::randn() * 1.5 + 4) * 10 * nS;
    P[gi] = (brian::randn() * 12 + 20) * 10 * nS;

    spike_monitor spikes(P);
    network net(P, Ce, Ci, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    std::fprintf(stderr, "cobahh: %zu + %zu synapses (built in %.3f s)\n", Ce.size(), Ci.size(), t_build);
    example::write_spikes(opt.out, spikes, P.clock().dt());
    example::summary("cobahh", count, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
