// (d) SpikeGeneratorGroup (README.md, "spikegen", rules 3 and 4): time-to-step conversion
// floor(t/dt + 0.001), periodic repetition, and the errors Brian raises, against Brian 2.5.1.
#include <brian/brian.hpp>

#include <stdexcept>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {
const std::vector<std::int32_t> indices7 = {0, 1, 2, 3, 4, 0, 2};
const std::vector<double> times7_ms = {0.05, 0.1, 0.33, 1.0, 2.55, 3.0, 10.04};
}  // namespace

TEST_CASE("spikegen: 7 spikes over 20 ms: steps identical to Brian") {
    spike_generator_group S(5, indices7, times7_ms, ms);
    spike_monitor spikes(S);
    network net(S, spikes);
    net.run(20_ms);
    const auto want = validation::reference_spikes(validation::table("spikegen_spikes.csv"));
    REQUIRE(want.size() == 7);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
}

TEST_CASE("spikegen: period 5 ms over 20 ms: steps identical to Brian") {
    const std::vector<std::int32_t> idx(indices7.begin(), indices7.begin() + 6);
    const std::vector<double> times(times7_ms.begin(), times7_ms.begin() + 6);
    spike_generator_group S(5, idx, times, ms, 5_ms);
    spike_monitor spikes(S);
    network net(S, spikes);
    net.run(20_ms);
    const auto want = validation::reference_spikes(validation::table("spikegen_period_spikes.csv"));
    REQUIRE(want.size() == 24);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
}

TEST_CASE("spikegen: rounding of times to steps: identical to Brian") {
    const validation::table ref("spikegen_rounding.csv");
    REQUIRE(ref.rows() == 15);
    std::vector<std::int32_t> idx;
    for (auto k : ref.ints("i")) idx.push_back(static_cast<std::int32_t>(k));
    // The probe times as Brian got them: the printed values (%.8g) are the literals of
    // make_reference.py, so parsing them gives the same doubles before the ms scaling.
    spike_generator_group S(idx.size(), idx, ref["t_in_ms"], ms);
    spike_monitor spikes(S);
    network net(S, spikes);
    net.run(11_ms);
    const auto want = validation::reference_spikes(ref);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
}

TEST_CASE("spikegen: the errors Brian raises") {
    // Brian: "ValueError: The period has to be greater than the maximum of the spike times".
    CHECK_THROWS_AS(spike_generator_group(5, indices7, times7_ms, ms, 5_ms), std::invalid_argument);
    // Brian: ValueError when a neuron spikes twice in one step (0.01 and 0.05 ms: step 0).
    spike_generator_group S(1, {0, 0}, {0.01, 0.05}, ms);
    network net(S);
    CHECK_THROWS_AS(net.run(1_ms), std::invalid_argument);
}
