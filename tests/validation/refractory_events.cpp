// (g)-(i) Cases beyond the first six (README.md, "refparam", "refbool", "events"), made by
// make_reference.py with Brian 2.5.1: a refractory period given by a per-neuron parameter,
// refractoriness given by a condition, and custom events with their own statements.
#include <brian/brian.hpp>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr state<"v", volt> v;
constexpr state<"w", volt> w;
constexpr parameter<"RI", volt> RI;
constexpr parameter<"tref", second> tref;
constexpr parameter<"n_up", dimensionless> n_up;

constexpr auto tau = 20_ms, tauw = 50_ms;
constexpr auto El = -70_mV, Vr = -70_mV, Vt = -50_mV;

// (g) refractory='tref', tref : second (constant)
constexpr auto lif_tref = neuron_model(equations(d(v) / dt = (El - v + RI) / tau | unless_refractory),
                                       threshold(v > Vt), reset(v = Vr), refractory(tref), method::exact);

// (i) events={'upper': 'v > -51*mV', 'above': 'v > -52*mV'}, run_on_event for each.
// Brian runs every event's statements in the slot 'after_resets' (after the spike reset),
// ordered by object name, i.e. "<event>_resetter" alphabetically: 'above' before 'upper',
// whatever the order of the events dict. Both events occur together whenever v > -51 mV and
// their statements do not commute (w += 0.2 mV; w = 0.5 w), so the order shows.
constexpr auto eqs_events = equations(d(v) / dt = (El - v + RI - w) / tau | unless_refractory, d(w) / dt = -w / tauw);
// Declared in Brian's execution order: 'above', then 'upper'.
constexpr auto lif_events = neuron_model(
    eqs_events, threshold(v > Vt), reset(v = Vr, w += 1_mV), refractory(2_ms),
    events(event<"above">(v > -52_mV, w += 0.2_mV), event<"upper">(v > -51_mV, w = 0.5 * w, n_up += 1)), method::exact);
// Declared in the order of the Brian script's dict ('upper' first).
constexpr auto lif_events_dict_order = neuron_model(
    eqs_events, threshold(v > Vt), reset(v = Vr, w += 1_mV), refractory(2_ms),
    events(event<"upper">(v > -51_mV, w = 0.5 * w, n_up += 1), event<"above">(v > -52_mV, w += 0.2_mV)), method::exact);

// (h) The HH cell of hh.cpp with refractory='v > -40*mV'.
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
constexpr auto hh_El = -60_mV;
constexpr auto EK = -90_mV;
constexpr auto ENa = 50_mV;
constexpr auto VT = -63_mV;

constexpr auto hh_refbool = neuron_model(
    equations(
        d(v) / dt = (gl * (hh_El - v) - g_na * (m * m * m) * h * (v - ENa) - g_kd * (n * n * n * n) * (v - EK) + I) /
                    Cm,
        d(m) / dt = alpha_m * (1 - m) - beta_m * m, d(n) / dt = alpha_n * (1 - n) - beta_n * n,
        d(h) / dt = alpha_h * (1 - h) - beta_h * h, alpha_m = 0.32 / mV * 4_mV / exprel((13_mV - v + VT) / 4_mV) / ms,
        beta_m = 0.28 / mV * 5_mV / exprel((v - VT - 40_mV) / 5_mV) / ms,
        alpha_h = 0.128 * exp((17_mV - v + VT) / 18_mV) / ms, beta_h = 4.0 / (1 + exp((40_mV - v + VT) / 5_mV)) / ms,
        alpha_n = 0.032 / mV * 5_mV / exprel((15_mV - v + VT) / 5_mV) / ms,
        beta_n = 0.5 * exp((10_mV - v + VT) / 40_mV) / ms),
    threshold(v > -20_mV), refractory(v > -40_mV), method::exponential_euler);

}  // namespace

TEST_CASE("refparam: refractory period from a per-neuron parameter: spikes identical to Brian") {
    neuron_group<lif_tref> G(5);
    G[v] = El;
    G[RI] = 60_mV;
    G[tref].set(std::vector{0.0, 1.0, 2.55, 5.0, 10.04}, ms);  // timestep: 0, 10, 25, 50, 100 steps
    spike_monitor spikes(G);
    network net(G, spikes);
    net.run(200_ms);
    validation::check_same_spikes(validation::recorded_spikes(spikes),
                                  validation::reference_spikes(validation::table("refparam_spikes.csv")));
}

TEST_CASE("refbool: refractory while a condition holds (HH, v > -40 mV): spikes identical to Brian") {
    neuron_group<hh_refbool> G(3);
    G[v] = hh_El;
    G[I].set(std::vector{0.5, 1.0, 2.0}, nA);
    spike_monitor spikes(G);
    network net(G, spikes);
    net.run(300_ms);
    const auto want = validation::reference_spikes(validation::table("refbool_spikes.csv"));
    REQUIRE(want.size() == 23 + 36 + 55);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
}

TEST_CASE("events: two custom events with statements, event monitors: identical to Brian") {
    neuron_group<lif_events> G(3);
    G[v] = El;
    G[RI].set(std::vector{30.0, 40.0, 60.0}, mV);
    spike_monitor spikes(G);
    auto above = event_monitor<"above">(G);
    auto upper = event_monitor<"upper">(G);
    state_monitor trace(G, record(v, w));
    network net(G, spikes, above, upper, trace);
    net.run(200_ms);

    SUBCASE("event monitors") {
        validation::check_same_spikes(validation::recorded_spikes(above),
                                      validation::reference_spikes(validation::table("events_above.csv")));
        validation::check_same_spikes(validation::recorded_spikes(upper),
                                      validation::reference_spikes(validation::table("events_upper.csv")));
        const auto counts = upper.count();
        for (std::size_t k = 0; k < 3; ++k) CHECK(G[n_up][k].value().value() == static_cast<double>(counts(k)));
    }
    SUBCASE("spikes") {
        validation::check_same_spikes(validation::recorded_spikes(spikes),
                                      validation::reference_spikes(validation::table("events_spikes.csv")));
    }
    SUBCASE("v, w traces within 1e-9 mV") {
        const validation::table ref("events_trace.csv");
        REQUIRE(ref.rows() == 500);
        const auto vs = trace.values(v, mV), ws = trace.values(w, mV);
        double worst = 0;
        for (std::size_t r = 0; r < 3; ++r)
            for (const std::string name : {"v", "w"}) {
                const auto& values = name == "v" ? vs : ws;
                const auto& col = ref[name + std::to_string(r) + "_mV"];
                std::vector<double> row(col.size());
                for (std::size_t s = 0; s < col.size(); ++s) row[s] = values(r, s);
                const auto d = validation::max_abs_diff(row, col, col.size());
                INFO(name << r << ": max |d| = " << d.max << " mV at step " << d.at);
                CHECK(d.max <= 1e-9);
                worst = std::max(worst, d.max);
            }
        MESSAGE("events: max |v, w (C++) - (Brian)| = " << worst << " mV, steps 0..499");
    }
}

// Brian runs the statements of several events sorted by resetter name, not in declaration
// order: with 'upper' declared first, Brian still computes 0.5 (w + 0.2 mV) and not
// 0.5 w + 0.2 mV. brian orders them the same way (neuron_group::event_order).
TEST_CASE("events: statements of several events run in Brian's order (by name), not declaration order") {
    neuron_group<lif_events_dict_order> G(3);
    G[v] = El;
    G[RI].set(std::vector{30.0, 40.0, 60.0}, mV);
    spike_monitor spikes(G);
    auto upper = event_monitor<"upper">(G);
    network net(G, spikes, upper);
    net.run(200_ms);
    validation::check_same_spikes(validation::recorded_spikes(spikes),
                                  validation::reference_spikes(validation::table("events_spikes.csv")));
    validation::check_same_spikes(validation::recorded_spikes(upper),
                                  validation::reference_spikes(validation::table("events_upper.csv")));
}
