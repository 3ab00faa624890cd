// Short-term plasticity with clock-driven synaptic equations and a summed current
// (examples/short_term_plasticity.cpp; Brian 2's Tsodyks_Pawelzik_Markram_1998.py): the
// membrane potential of the three panels against Brian 2.5.1's at every 10th step
// (make_reference_stp.py). Checks exponential Euler on synapses, the summed variable and
// the order of the updates in a step.
#include <algorithm>
#include <cmath>

#include "../../examples/common/tsodyks_markram_1998.hpp"
#include "reference.hpp"

using namespace tpm1998;

namespace {

template <const auto& Synapse>
double worst_difference(std::size_t panel, double tau_mem_ms, double R_in_Mohm, double period_ms, double stop_ms,
                        double duration_ms) {
    neuron_group<neuron> cell(1);
    cell[tau_mem] = tau_mem_ms * 1_ms;
    cell[R_in] = R_in_Mohm * 1_Mohm;
    const auto times = stimulus_times(100.0, stop_ms, period_ms);
    spike_generator_group input(1, std::vector<int>(times.size(), 0), times, ms);
    synapses S(input, cell, Synapse, "S");
    S.connect();
    S[x] = 1.0;
    state_monitor trace(cell, record(v), indices{0});
    network net(input, cell, S, trace);
    net.run(duration_ms * 1_ms);
    const auto got = trace.values(v, mV);

    const validation::table ref("stp_tsodyks_v.csv");
    const auto& p = ref["panel"];
    const auto& step = ref["step"];
    const auto& want = ref["v_mV"];
    double worst = 0.0;
    std::size_t compared = 0;
    for (std::size_t r = 0; r < ref.rows(); ++r) {
        if (static_cast<std::size_t>(p[r]) != panel) continue;
        const auto s = static_cast<std::size_t>(step[r]);
        REQUIRE(s < got.shape()[1]);
        worst = std::max(worst, std::abs(got(0, s) - want[r]));
        ++compared;
    }
    CHECK(compared == got.shape()[1] / 10);
    return worst;
}

}  // namespace

TEST_CASE("stp_tsodyks: v of Brian's three panels (depression, facilitation at 20 and 70 Hz)") {
    const double a = worst_difference<depressing>(0, 40, 100, 50.0, 1100, 1200);
    const double b = worst_difference<facilitating>(1, 60, 1000, 50.0, 1100, 1200);
    const double c = worst_difference<facilitating>(2, 60, 1000, 1000.0 / 70.0, 375, 500);
    MESSAGE("worst |v - v_Brian| (mV): A " << a << ", B " << b << ", C " << c);
    CHECK(a < 1e-9);
    CHECK(b < 1e-9);
    CHECK(c < 1e-9);
}
