// (o) Delayed synapses (README.md, "(o) delayed synapses"; examples/delayed_synapses.cpp):
// a spike_generator_group drives two LIF neurons through a synapses object with one
// homogeneous delay and one with per-synapse delays, against Brian 2.5.1
// (make_reference_delayed_synapses.py). The model here is the example's, line for line.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr state<"v", volt> v;

constexpr auto tau = 5_ms;
constexpr auto El = -70_mV, Vr = -70_mV, Vt = -55_mV;
constexpr auto w = 5.5_mV;

constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v) / tau | unless_refractory), threshold(v > Vt),
                                  reset(v = Vr), refractory(2_ms), method::exact);

const std::vector<std::int32_t> idx = {0, 1, 2, 2, 1, 0, 0, 1, 2};
const std::vector<double> times = {10, 12, 14, 40, 42, 44, 70, 70, 70};

}  // namespace

TEST_CASE("delayed_synapses: homogeneous and per-synapse delays: spikes and v identical to Brian") {
    spike_generator_group inputs(3, idx, times, ms);
    neuron_group<lif> G(2);
    G[v] = El;
    synapses S_hom(inputs, G, on_pre(v += w), delay(1_ms));
    S_hom.connect(condition(j == 0));
    synapses S_het(inputs, G, on_pre(v += w));
    S_het.connect(condition(j == 1));
    S_het[delay] = 1_ms + (2 - i) * 2_ms;
    REQUIRE(S_het.size() == 3);
    CHECK(S_het[delay][0].in(ms) == doctest::Approx(5.0));
    CHECK(S_het[delay][2].in(ms) == doctest::Approx(1.0));

    spike_monitor spikes(G);
    state_monitor trace(G, record(v));
    network net(inputs, G, S_hom, S_het, spikes, trace);
    net.run(100_ms);

    const auto want = validation::reference_spikes(validation::table("delayed_synapses_spikes.csv"));
    REQUIRE(want.size() == 2);  // neuron 1 at step 151 (forward sequence), neuron 0 at 711 (volley)
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);

    // v at the start of every step: each EPSP arrives in Brian's step
    const validation::table ref_v("delayed_synapses_v.csv");
    REQUIRE(ref_v.rows() == 1000);
    const auto got = trace.values(v, mV);
    REQUIRE(got.shape()[0] == 2);
    REQUIRE(got.shape()[1] == ref_v.rows());
    const std::string columns[] = {"v0_mV", "v1_mV"};
    double worst = 0;
    for (std::size_t r = 0; r < 2; ++r) {
        const auto& col = ref_v[columns[r]];
        std::vector<double> row(col.size());
        for (std::size_t s = 0; s < col.size(); ++s) row[s] = got(r, s);
        const auto d = validation::max_abs_diff(row, col, col.size());
        INFO(columns[r] << ": max |dv| = " << d.max << " mV at step " << d.at);
        CHECK(d.max <= 1e-9);
        worst = std::max(worst, d.max);
    }
    MESSAGE("delayed_synapses: max |v(C++) - v(Brian)| = " << worst << " mV, both neurons, steps 0..999");
}

TEST_CASE("delayed_synapses: with period 100 ms the pattern and its responses repeat") {
    spike_generator_group inputs(3, idx, times, ms, 100_ms);
    neuron_group<lif> G(2);
    G[v] = El;
    synapses S_hom(inputs, G, on_pre(v += w), delay(1_ms));
    S_hom.connect(condition(j == 0));
    synapses S_het(inputs, G, on_pre(v += w));
    S_het.connect(condition(j == 1));
    S_het[delay] = 1_ms + (2 - i) * 2_ms;
    spike_monitor spikes(G);
    network net(inputs, G, S_hom, S_het, spikes);
    net.run(300_ms);

    const auto once = validation::reference_spikes(validation::table("delayed_synapses_spikes.csv"));
    std::vector<validation::spike> want;
    for (std::int64_t r = 0; r < 3; ++r)
        for (const auto& [step, k] : once) want.emplace_back(step + 1000 * r, k);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
}
