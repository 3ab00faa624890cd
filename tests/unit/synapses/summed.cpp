// brian/synapses/summed.hpp: summed variables (gap junctions) recomputed before each state
// update of their group, against the discrete recursion; subgroup and presynaptic targets.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace brian;
using namespace brian::literals;

namespace summed_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"Igap", amp> Igap;
inline constexpr parameter<"wg", siemens> wg;

constexpr auto C = 1_nF;
inline constexpr auto cell = neuron_model(equations(d(v) / dt = Igap / C), method::euler);
inline constexpr auto gap = synapse_model(summed(post(Igap) = wg * (pre(v) - post(v))));

}  // namespace summed_test

using namespace summed_test;

TEST_CASE("summed: gap junctions between two cells follow the discrete recursion") {
    neuron_group<cell> G(2);
    G[v][0] = 10_mV;
    synapses S(G, G, gap, "gap");
    S.connect(condition(i != j));
    S[wg] = 1_nS;
    network net(G, S);
    net.run(10_ms);  // 100 steps
    // Summed before the update of each step: d_{n+1} = d_n (1 - 2 w dt / C).
    const double d = G[v][0].in(mV)-G[v][1].in(mV);
    CHECK(d == doctest::Approx(10.0 * std::pow(1.0 - 2e-4, 100)).epsilon(1e-10));
    CHECK(G[v][0].in(mV) + G[v][1].in(mV) == doctest::Approx(10.0).epsilon(1e-12));
    // Igap holds the sum computed at the start of the last step.
    CHECK(G[Igap][1].in(nA) == doctest::Approx(1e-3 * 10.0 * std::pow(1.0 - 2e-4, 99)).epsilon(1e-10));
}

TEST_CASE("summed: a subgroup target is zeroed and summed only in its range; pre(x) sums per source") {
    neuron_group<cell> G(4);
    G[Igap] = 5_nA;  // outside the target slice, left alone
    G[v] = 1_mV * i;
    synapses S(G, G.slice(1, 3), gap, "gap");
    S.connect();  // each of the 4 sources onto targets 1 and 2
    S[wg] = 1_nS;
    network net(G, S);
    net.run(0.1_ms);
    CHECK(G[Igap][0].in(nA) == doctest::Approx(5.0));
    CHECK(G[Igap][3].in(nA) == doctest::Approx(5.0));
    // target 1 (v = 1 mV): sum over sources v_pre - 1 mV = (0 + 1 + 2 + 3) - 4 = 2 mV, times 1 nS
    CHECK(G[Igap][1].in(pA) == doctest::Approx(2.0));
    CHECK(G[Igap][2].in(pA) == doctest::Approx(-2.0));

    neuron_group<cell> H(3);
    synapses P(H, H, synapse_model(summed(pre(Igap) = wg * 1_mV)), "out_degree");
    P.connect(condition(i <= j));  // source k has 3 - k synapses
    P[wg] = 1_nS;
    network net2(H, P);
    net2.run(0.1_ms);
    for (int k = 0; k < 3; ++k) CHECK(H[Igap][k].in(pA) == doctest::Approx(3.0 - k));
}
