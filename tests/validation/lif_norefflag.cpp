// (e) Refractoriness without (unless refractory) (README.md, "lif_norefflag", rule 2): v
// integrates while refractory, only the threshold is gated; 4 neurons, 200 ms, Brian 2.5.1.
#include <brian/brian.hpp>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr state<"v", volt> v;
constexpr parameter<"RI", volt> RI;

constexpr auto tau = 20_ms;
constexpr auto El = -70_mV, Vr = -70_mV, Vt = -50_mV;

constexpr auto lif_noflag = neuron_model(equations(d(v) / dt = (El - v + RI) / tau), threshold(v > Vt), reset(v = Vr),
                                         refractory(5_ms), method::exact);

}  // namespace

TEST_CASE("lif_norefflag: spikes identical to Brian, v traces within 1e-9 mV") {
    neuron_group<lif_noflag> G(4);
    G[v] = El;
    G[RI].set(std::vector{25.0, 30.0, 40.0, 100.0}, mV);

    spike_monitor spikes(G);
    state_monitor trace(G, record(v));
    network net(G, spikes, trace);
    net.run(200_ms);

    const auto want = validation::reference_spikes(validation::table("lif_norefflag_spikes.csv"));
    validation::check_same_spikes(validation::recorded_spikes(spikes), want);
    const std::int64_t first[] = {321, 219, 138, 44};
    for (std::int64_t k = 0; k < 4; ++k) {
        const auto it = std::find_if(want.begin(), want.end(), [&](const auto& s) { return s.second == k; });
        REQUIRE(it != want.end());
        CHECK(it->first == first[k]);
    }

    const validation::table ref("lif_norefflag_v.csv");
    REQUIRE(ref.rows() == 500);
    const auto got = trace.values(v, mV);
    double worst = 0;
    const std::string columns[] = {"v0_mV", "v1_mV", "v2_mV", "v3_mV"};
    for (std::size_t r = 0; r < 4; ++r) {
        const auto& col = ref[columns[r]];
        std::vector<double> row(col.size());
        for (std::size_t s = 0; s < col.size(); ++s) row[s] = got(r, s);
        const auto d = validation::max_abs_diff(row, col, col.size());
        INFO("neuron " << r << ": max |dv| = " << d.max << " mV at step " << d.at);
        CHECK(d.max <= 1e-9);
        worst = std::max(worst, d.max);
    }
    MESSAGE("lif_norefflag: max |v(C++) - v(Brian)| = " << worst << " mV over 4 neurons, steps 0..499");
}
