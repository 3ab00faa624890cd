// (a) LIF f-I curve (README.md, "lif_fi"): 21 neurons with RI = 20..40 mV, exact
// integration with (unless refractory), 2 ms refractory period, 1 s, against Brian 2.5.1.
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

TEST_CASE("lif_fi: spikes identical to Brian, v traces within 1e-9 mV") {
    neuron_group<lif> G(21);
    G[v] = El;
    G[RI] = 20_mV + 20_mV * i / (N - 1);  // RI_k = 20 + k mV

    spike_monitor spikes(G);
    state_monitor trace(G, record(v), indices{0, 10, 20});
    network net(G, spikes, trace);
    net.run(1_s);

    const validation::table ref_spikes("lif_fi_spikes.csv");
    const auto want = validation::reference_spikes(ref_spikes);
    REQUIRE(want.size() == 832);
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
    CHECK(spikes.count()(0) == 0);  // rheobase: v -> Vt from below, never above

    const validation::table ref_v("lif_fi_v.csv");
    REQUIRE(ref_v.rows() == 1000);
    const auto got = trace.values(v, mV);
    REQUIRE(got.shape()[1] >= ref_v.rows());
    const std::string columns[] = {"v0_mV", "v10_mV", "v20_mV"};
    double worst = 0;
    for (std::size_t r = 0; r < 3; ++r) {
        const auto& col = ref_v[columns[r]];
        std::vector<double> row(col.size());
        for (std::size_t s = 0; s < col.size(); ++s) row[s] = got(r, s);
        const auto d = validation::max_abs_diff(row, col, col.size());
        INFO(columns[r] << ": max |dv| = " << d.max << " mV at step " << d.at);
        CHECK(d.max <= 1e-9);
        worst = std::max(worst, d.max);
    }
    MESSAGE("lif_fi: max |v(C++) - v(Brian)| = " << worst << " mV over neurons 0, 10, 20, steps 0..999");
}
