// (f) Two clocks in one network (README.md, "multidt", rule 5): the LIF of lif_fi with
// RI = 30 mV in a 0.1 ms group and in a 0.25 ms group, 100 ms, against Brian 2.5.1.
#include <brian/brian.hpp>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr state<"v", volt> v;
constexpr parameter<"RI", volt> RI;

constexpr auto tau = 20_ms;
constexpr auto El = -70_mV, Vr = -70_mV, Vt = -50_mV;

constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v + RI) / tau | unless_refractory), threshold(v > Vt),
                                  reset(v = Vr), refractory(2_ms), method::exact);

}  // namespace

TEST_CASE("multidt: groups with dt 0.1 ms and 0.25 ms in one network: spikes identical to Brian") {
    neuron_group<lif> G0(1), G1(1);
    G1.set_dt(0.25_ms);
    for (auto* G : {&G0, &G1}) {
        (*G)[v] = El;
        (*G)[RI] = 30_mV;
    }
    spike_monitor s0(G0), s1(G1);
    network net(G0, G1, s0, s1);
    net.run(100_ms);

    const validation::table ref("multidt_spikes.csv");
    const auto want0 = validation::reference_spikes(ref, 0), want1 = validation::reference_spikes(ref, 1);
    REQUIRE(want0.size() == 4);
    REQUIRE(want1.size() == 4);
    validation::check_same_spikes(validation::recorded_spikes(s0), want0);
    validation::check_same_spikes(validation::recorded_spikes(s1), want1);
    CHECK(G0.clock().step() == 1000);  // each clock ends at round(D/dt)
    CHECK(G1.clock().step() == 400);
    // The recorded times are step * dt of the group's own clock.
    CHECK(s1.t(ms)(0) == doctest::Approx(21.75));
}
