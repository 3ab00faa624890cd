// Gap junctions (examples/gap_junctions.cpp, Brian 2's examples/synapses/gapjunctions.py):
// a summed variable couples 10 LIF cells all to all; deterministic, so the spikes must be
// Brian 2.5.1's (make_reference_gap_junctions.py), step for step. This also fixes the
// order of the summed-variable update (before the group's state update, as Brian's).
#include <brian/brian.hpp>
#include <brian/library/gap_junction.hpp>
#include <brian/synapses.hpp>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr state<"v", dimensionless> v;
constexpr parameter<"Igap", dimensionless> Igap;
constexpr parameter<"w", dimensionless> w;

constexpr double v0 = 1.05;
constexpr auto tau = 10_ms;
constexpr auto cell = neuron_model(equations(d(v) / dt = (v0 - v + Igap) / tau), threshold(v > 1.0), reset(v = 0.0),
                                   method::exact);

}  // namespace

TEST_CASE("gap_junctions: the spikes of Brian 2's gap-junction example, step for step") {
    for (unsigned threads : {1u, 2u}) {
        neuron_group<cell> neurons(10);
        neurons[v] = i * 1.0 / (N - 1.0);
        synapses S(neurons, neurons, library::gap_junction(Igap, v, w), "S");
        S.connect();
        S[w] = 0.02;
        spike_monitor spikes(neurons);
        network net(neurons, S, spikes);
        net.set_threads(threads);
        net.run(500_ms);
        const auto want = validation::reference_spikes(validation::table("gap_junctions_spikes.csv"));
        REQUIRE(want.size() == 123);
        validation::check_same_spikes(validation::recorded_spikes(spikes), want);
    }
}
