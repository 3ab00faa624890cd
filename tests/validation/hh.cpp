// (b) Hodgkin-Huxley (Traub-Miles, COBAHH's cell without synapses) with a constant current,
// exponential Euler (README.md, "hh"): 11 neurons with I = 0..2 nA and one 1 nA neuron with
// its v, m, n, h trace, 1 s, against Brian 2.5.1.
#include <brian/brian.hpp>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr state<"v", volt> v;
constexpr state<"m", dimensionless> m;
constexpr state<"n", dimensionless> n;
constexpr state<"h", dimensionless> h;
constexpr parameter<"I", amp> I;
constexpr subexpression<"alpha_m", hertz> alpha_m;
constexpr subexpression<"beta_m", hertz> beta_m;
constexpr subexpression<"alpha_h", hertz> alpha_h;
constexpr subexpression<"beta_h", hertz> beta_h;
constexpr subexpression<"alpha_n", hertz> alpha_n;
constexpr subexpression<"beta_n", hertz> beta_n;

constexpr auto area = 20000 * um2;
constexpr auto Cm = 1 * ufarad / cm2 * area;
constexpr auto gl = 5e-5 * siemens / cm2 * area;
constexpr auto g_na = 100 * msiemens / cm2 * area;
constexpr auto g_kd = 30 * msiemens / cm2 * area;
constexpr auto El = -60_mV;
constexpr auto EK = -90_mV;
constexpr auto ENa = 50_mV;
constexpr auto VT = -63_mV;

constexpr auto hh = neuron_model(
    equations(
        d(v) / dt = (gl * (El - v) - g_na * (m * m * m) * h * (v - ENa) - g_kd * (n * n * n * n) * (v - EK) + I) / Cm,
        d(m) / dt = alpha_m * (1 - m) - beta_m * m, d(n) / dt = alpha_n * (1 - n) - beta_n * n,
        d(h) / dt = alpha_h * (1 - h) - beta_h * h, alpha_m = 0.32 / mV * 4_mV / exprel((13_mV - v + VT) / 4_mV) / ms,
        beta_m = 0.28 / mV * 5_mV / exprel((v - VT - 40_mV) / 5_mV) / ms,
        alpha_h = 0.128 * exp((17_mV - v + VT) / 18_mV) / ms, beta_h = 4.0 / (1 + exp((40_mV - v + VT) / 5_mV)) / ms,
        alpha_n = 0.032 / mV * 5_mV / exprel((15_mV - v + VT) / 5_mV) / ms,
        beta_n = 0.5 * exp((10_mV - v + VT) / 40_mV) / ms),
    threshold(v > -20_mV), refractory(3_ms), method::exponential_euler);

// Measured against the reference (README "C++ comparison"); the tolerances are the README's.
constexpr double v_tolerance_mV = 1e-6;
constexpr double gate_tolerance = 1e-9;

}  // namespace

TEST_CASE("hh: 11 neurons, I = 0..2 nA: spikes identical to Brian") {
    neuron_group<hh> G(11);
    G[v] = El;  // m = n = h = 0
    G[I] = 2_nA * i / (N - 1);

    spike_monitor spikes(G);
    network net(G, spikes);
    net.run(1_s);

    const auto want = validation::reference_spikes(validation::table("hh_spikes.csv"));
    REQUIRE(want.size() == 1233);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
    const std::int64_t counts[] = {14, 43, 66, 86, 103, 120, 135, 148, 161, 173, 184};
    const auto got = spikes.count();
    for (std::size_t k = 0; k < 11; ++k) CHECK(got(k) == counts[k]);
}

TEST_CASE("hh: 1 nA neuron: spikes identical, v, m, n, h traces within the README tolerances") {
    neuron_group<hh> G(1);
    G[v] = El;
    G[I] = 1_nA;

    spike_monitor spikes(G);
    state_monitor trace(G, record(v, m, n, h));
    network net(G, spikes, trace);
    net.run(1_s);

    const auto want = validation::reference_spikes(validation::table("hh_1nA_spikes.csv"));
    REQUIRE(want.size() == 120);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);

    const validation::table ref("hh_1nA_trace.csv");
    REQUIRE(ref.rows() == 500);
    struct column {
        std::string name;
        xt::xtensor<double, 2> values;
        double tolerance;
    };
    const column columns[] = {{"v_mV", trace.values(v, mV), v_tolerance_mV},
                              {"m", trace[m], gate_tolerance},
                              {"n", trace[n], gate_tolerance},
                              {"h", trace[h], gate_tolerance}};
    for (const auto& c : columns) {
        const auto& want_c = ref[c.name];
        std::vector<double> got_c(want_c.size());
        for (std::size_t s = 0; s < want_c.size(); ++s) got_c[s] = c.values(0, s);
        const auto d = validation::max_abs_diff(got_c, want_c, want_c.size());
        MESSAGE("hh 1 nA: max |" << c.name << "(C++) - " << c.name << "(Brian)| = " << d.max << " at step " << d.at
                                 << " (tolerance " << c.tolerance << ")");
        CHECK(d.max <= c.tolerance);
    }
}
