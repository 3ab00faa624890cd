// The Hodgkin–Huxley (Traub–Miles) cell of the COBAHH benchmark
// (../shared/brian2/cobahh.py) without synapses, driven by a constant current:
// N = 1: I = 1 nA; N = n: I_k = 2 nA·k/(n-1). Exponential Euler, dt = 0.1 ms.
#include <brian/brian.hpp>

#include <cstdio>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"m", dimensionless> m;
inline constexpr state<"n", dimensionless> n;
inline constexpr state<"h", dimensionless> h;
inline constexpr parameter<"I", amp> I;
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
constexpr auto El = -60_mV;
constexpr auto EK = -90_mV;
constexpr auto ENa = 50_mV;
constexpr auto VT = -63_mV;

inline constexpr auto hh = neuron_model(
    equations(
        d(v) / dt = (gl * (El - v) - g_na * (m * m * m) * h * (v - ENa) - g_kd * (n * n * n * n) * (v - EK) + I) / Cm,
        d(m) / dt = alpha_m * (1 - m) - beta_m * m, d(n) / dt = alpha_n * (1 - n) - beta_n * n,
        d(h) / dt = alpha_h * (1 - h) - beta_h * h, alpha_m = 0.32 / mV * 4_mV / exprel((13_mV - v + VT) / 4_mV) / ms,
        beta_m = 0.28 / mV * 5_mV / exprel((v - VT - 40_mV) / 5_mV) / ms,
        alpha_h = 0.128 * exp((17_mV - v + VT) / 18_mV) / ms, beta_h = 4.0 / (1 + exp((40_mV - v + VT) / 5_mV)) / ms,
        alpha_n = 0.032 / mV * 5_mV / exprel((15_mV - v + VT) / 5_mV) / ms,
        beta_n = 0.5 * exp((10_mV - v + VT) / 40_mV) / ms),
    threshold(v > -20_mV), refractory(3_ms), method::exponential_euler);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 1, .duration = 1.0});
    const long long count = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    neuron_group<hh> G(static_cast<std::size_t>(count));
    G[v] = El;
    if (count == 1) G[I] = 1_nA;
    else G[I] = 2_nA * i / (N - 1);

    spike_monitor spikes(G);
    network net(G, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    const auto c = spikes.count();
    for (long long k = 0; k < count && count <= 50; ++k)
        std::printf("I = %5.2f nA: %3lld spikes\n", G[I][static_cast<std::size_t>(k)].in(nA),
                    static_cast<long long>(c(k)));
    example::write_spikes(opt.out, spikes, G.clock().dt());
    example::summary("hh_neuron", count, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
