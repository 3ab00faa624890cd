// (j) CUBA network replayed from Brian 2's own connectivity and initial state
// (README.md, "cuba_replay"): 400 LIF neurons, p = 0.05, 1 s. The synapses (i, j) and
// the initial v come from Brian 2.5.1 (make_reference.py), so both simulators run the
// identical deterministic network and must produce the same spikes step by step.
#include "networks.hpp"
#include "reference.hpp"

using namespace brian;
using namespace brian::literals;
using namespace validation::cuba_net;

TEST_CASE("cuba_replay: Brian's connectivity and initial v give Brian's spikes exactly") {
    const validation::table exc("cuba_replay_syn_exc.csv"), inh("cuba_replay_syn_inh.csv");
    const validation::table v0("cuba_replay_v0.csv");
    const std::size_t n = v0.rows();
    REQUIRE(n == 400);

    neuron_group<model> P(n);
    P[v].set(v0["v0_V"], volt);
    // Brian's Synapses(P, P) with 'i < Ne' / 'i >= Ne': global presynaptic indices.
    synapses Ce(P, P, on_pre(post(ge) += we), "Ce");
    synapses Ci(P, P, on_pre(post(gi) += wi), "Ci");
    Ce.connect(exc.ints("i"), exc.ints("j"));
    Ci.connect(inh.ints("i"), inh.ints("j"));
    REQUIRE(Ce.size() == 6519);
    REQUIRE(Ci.size() == 1599);

    spike_monitor spikes(P);
    network net(P, Ce, Ci, spikes);
    net.run(1_s);

    const auto got = validation::recorded_spikes(spikes);
    const auto want = validation::reference_spikes(validation::table("cuba_replay_spikes.csv"));
    REQUIRE(want.size() == 4704);

    // How long do the two runs stay identical? (first step with a differing spike)
    std::int64_t first_diff_step = 10000;
    {
        std::size_t k = 0;
        while (k < got.size() && k < want.size() && got[k] == want[k]) ++k;
        if (k < got.size() || k < want.size()) {
            const std::int64_t a = k < got.size() ? got[k].first : 10000;
            const std::int64_t b = k < want.size() ? want[k].first : 10000;
            first_diff_step = std::min(a, b);
        }
    }
    MESSAGE("cuba_replay: " << got.size() << " C++ spikes vs " << want.size() << " Brian spikes; identical up to step "
                            << first_diff_step << " of 10000");
    // Requirement: identical over the whole second (Brian 2.5.1, numpy target).
    validation::check_same_spikes(got, want);
    CHECK(first_diff_step == 10000);
}
