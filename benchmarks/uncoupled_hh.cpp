// Whole-model benchmark (issue 5): the COBAHH neuron model (../examples/cobahh.cpp,
// Traub & Miles Hodgkin–Huxley, exponential Euler, dt = 0.1 ms) without its synapses:
// N = 2*10^4 uncoupled neurons with COBAHH's random initial v, ge and gi (the
// conductances decay, nothing drives the neurons: a few spikes at the start, then rest);
// threshold v > -20 mV, refractory 3 ms, no reset; a spike monitor; 1 s. Measures the
// per-neuron cost of the HH update (subexpressions with exp and exprel). The examples'
// command line (--N --duration --seed --threads --out) and their final JSON line.
#include <brian/brian.hpp>

#include <cstdio>

#include "common/cli.hpp"

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

int main(int argc, char** argv) {
    const auto opt = example::parse(argc, argv);
    const long long count = opt.N > 0 ? opt.N : 20'000;
    const double duration = opt.duration > 0 ? opt.duration : 1.0;
    seed(opt.seed);

    neuron_group<cobahh> P(static_cast<std::size_t>(count));
    // m = n = h = 0 as in Brian's COBAHH example
    P[v] = El + (brian::randn() * 5 - 5) * mV;
    P[ge] = (brian::randn() * 1.5 + 4) * 10 * nS;
    P[gi] = (brian::randn() * 12 + 20) * 10 * nS;

    spike_monitor spikes(P);
    network net(P, spikes);
    net.set_threads(static_cast<unsigned>(opt.threads));
    const double t_sim = example::timed([&] { net.run(duration * second); });

    example::write_spikes(opt.out, spikes, P.clock().dt());
    example::summary("uncoupled_hh", count, duration, t_sim, spikes.num_spikes());
}
