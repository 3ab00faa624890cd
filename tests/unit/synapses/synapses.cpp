// brian/synapses/synapses.hpp: connectivity (all-to-all, one_to_one, probability,
// explicit), errors, propagation timing with and without delay, subgroup offsets.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace syn_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;

// v integrates x (Euler: v += dt * x / 1 ms), x is only changed by synapses: x's value at
// the update of step n shows when a synaptic effect became visible.
inline constexpr auto integrator = neuron_model(equations(d(v) / dt = x / 1_ms), method::euler);
// Spikes at the first step when v starts above 1 mV; v decays.
inline constexpr auto spiker = neuron_model(equations(d(v) / dt = -v / 10_ms), threshold(v > 1_mV), reset(v = 0_mV),
                                            method::exact);

using brian_test::what_of;

}  // namespace syn_test

using namespace syn_test;

TEST_CASE("synapses: all-to-all, one_to_one, explicit; repeated connect adds") {
    neuron_group<integrator> A(5), B(7);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    CHECK(S.size() == 0);
    S.connect();
    CHECK(S.size() == 35);
    const auto i = S.i(), j = S.j();
    REQUIRE(i.size() == 35);
    CHECK(i[0] == 0);
    CHECK(j[6] == 6);
    CHECK(i[7] == 1);
    CHECK(j[7] == 0);
    S.connect(std::vector<std::int64_t>{4, 0}, std::vector<std::int64_t>{3, 2});
    CHECK(S.size() == 37);
    // Rows stay ordered by presynaptic neuron: the new synapse of 0 ends row 0.
    CHECK(S.targets_of(0).size() == 8);
    CHECK(S.targets_of(0).back() == 2);
    CHECK(S.targets_of(4).back() == 3);

    neuron_group<integrator> C(5);
    synapses O(A, C, on_pre(post(x) += 1_mV));
    O.connect(one_to_one);
    CHECK(O.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) {
        CHECK(O.i()[k] == static_cast<std::int32_t>(k));
        CHECK(O.j()[k] == static_cast<std::int32_t>(k));
    }
    synapses Bad(A, B, on_pre(post(x) += 1_mV));
    CHECK(what_of([&] { Bad.connect(one_to_one); }).starts_with("brian: synapses.connect(one_to_one) needs"));

    // Ranges of other integer types work too.
    synapses E(A, B, on_pre(post(x) += 1_mV));
    E.connect(std::vector<int>{0, 0, 3}, std::vector<int>{1, 1, 6});
    CHECK(E.size() == 3);  // duplicates are separate synapses
    CHECK(E.i() == std::vector<std::int32_t>{0, 0, 3});
    CHECK(E.j() == std::vector<std::int32_t>{1, 1, 6});
}

TEST_CASE("synapses: explicit indices and probabilities are checked") {
    neuron_group<integrator> A(3), B(4);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    CHECK_THROWS_AS(S.connect(std::vector<std::int64_t>{0, 1}, std::vector<std::int64_t>{0}), std::invalid_argument);
    CHECK(what_of([&] {
              S.connect(std::vector<std::int64_t>{0, 1}, std::vector<std::int64_t>{0});
          }).starts_with("brian: connect(i, j) got 2 presynaptic but 1"));
    CHECK_THROWS_AS(S.connect(std::vector<std::int64_t>{3}, std::vector<std::int64_t>{0}), std::out_of_range);
    CHECK_THROWS_AS(S.connect(std::vector<std::int64_t>{0}, std::vector<std::int64_t>{4}), std::out_of_range);
    CHECK_THROWS_AS(S.connect(std::vector<std::int64_t>{-1}, std::vector<std::int64_t>{0}), std::out_of_range);
    CHECK(what_of([&] {
              S.connect(std::vector<std::int64_t>{0}, std::vector<std::int64_t>{4});
          }).find("postsynaptic index 4 is out of range") != std::string::npos);
    CHECK_THROWS_AS(S.connect(probability(1.5)), std::invalid_argument);
    CHECK_THROWS_AS(S.connect(probability(-0.1)), std::invalid_argument);
    CHECK_THROWS_AS(S.connect(probability(std::nan(""))), std::invalid_argument);
    CHECK(what_of([&] {
              S.connect(probability(2.0));
          }).starts_with("brian: synapses.connect(probability(p)) needs 0 <= p <= 1"));
    CHECK(S.size() == 0);  // nothing was added by the failed calls
    CHECK_THROWS_AS(delay(-1_ms), std::invalid_argument);

    // Running without connect is an error (Brian 2 raises too).
    network net(A, B, S);
    CHECK(what_of([&] { net.run(1_ms); }).find("before connect(...)") != std::string::npos);
    S.connect(probability(0.0));  // connecting nothing is fine
    CHECK(S.size() == 0);
    CHECK_NOTHROW(net.run(1_ms));
}

TEST_CASE("synapses: probability gives the right mean, reproducibly") {
    auto build = [](std::uint64_t s, double p) {
        seed(s);
        neuron_group<integrator> A(1000), B(800);
        synapses S(A, B, on_pre(post(x) += 1_mV));
        S.connect(probability(p));
        return std::pair{S.i(), S.j()};
    };
    const double p = 0.02;
    const auto [i1, j1] = build(7, p);
    const auto [i2, j2] = build(7, p);
    const auto [i3, j3] = build(8, p);
    CHECK(i1 == i2);
    CHECK(j1 == j2);
    CHECK(j1 != j3);
    const double expected = 1000.0 * 800.0 * p, sd = std::sqrt(expected * (1 - p));
    CHECK(std::abs(static_cast<double>(j1.size()) - expected) < 5 * sd);
    // No duplicates, targets ascending within a row, all in range.
    std::set<std::pair<int, int>> pairs;
    for (std::size_t k = 0; k < j1.size(); ++k) {
        CHECK(j1[k] >= 0);
        CHECK(j1[k] < 800);
        if (k > 0 && i1[k] == i1[k - 1]) CHECK(j1[k] > j1[k - 1]);
        pairs.emplace(i1[k], j1[k]);
    }
    CHECK(pairs.size() == j1.size());
    // Uniform over targets: the first and second halves get similar counts.
    std::size_t low = 0;
    for (auto jj : j1) low += jj < 400;
    CHECK(std::abs(static_cast<double>(low) - expected / 2) < 5 * std::sqrt(expected / 4));
    // p = 1 is all-to-all; a high p still has the right mean.
    CHECK(build(1, 1.0).second.size() == 800000);
    const double e9 = 1000.0 * 800.0 * 0.9;
    CHECK(std::abs(static_cast<double>(build(1, 0.9).second.size()) - e9) < 5 * std::sqrt(e9 * 0.1));
}

TEST_CASE("synapses: an effect of step s is visible in the update of step s+1") {
    // Neuron 1 of the generator spikes at 0.5 ms (step 5).
    spike_generator_group G(3, {1}, {0.5}, ms);
    neuron_group<integrator> T(4);
    synapses S(G, T, on_pre(post(x) += 1_mV));
    S.connect(std::vector<std::int64_t>{1, 1, 0}, std::vector<std::int64_t>{2, 3, 0});
    network net(G, T, S);
    net.run(0.5_ms);  // steps 0..4
    CHECK(T[x][2].in(mV) == 0.0);
    net.run(0.1_ms);  // step 5: spike, effect after the update of step 5
    CHECK(T[x][2].in(mV) == doctest::Approx(1.0));
    CHECK(T[x][3].in(mV) == doctest::Approx(1.0));
    CHECK(T[x][0].in(mV) == 0.0);
    CHECK(T[x][1].in(mV) == 0.0);
    CHECK(T[v][2].in(mV) == 0.0);  // the update of step 5 did not see it
    net.run(0.1_ms);               // step 6 integrates it
    CHECK(T[v][2].in(mV) == doctest::Approx(0.1));
}

TEST_CASE("synapses: a delay D acts round(D/dt) steps later") {
    spike_generator_group G(1, {0, 0}, {0.5, 0.7}, ms);
    neuron_group<integrator> T(1);
    synapses S(G, T, on_pre(post(x) += 1_mV), delay(1.5_ms));
    S.connect();
    network net(G, T, S);
    net.run(2.0_ms);  // steps 0..19: the spike of step 5 acts at step 20
    CHECK(T[x][0].in(mV) == 0.0);
    net.run(0.1_ms);  // step 20
    CHECK(T[x][0].in(mV) == doctest::Approx(1.0));
    net.run(0.1_ms);  // step 21
    CHECK(T[x][0].in(mV) == doctest::Approx(1.0));
    net.run(0.1_ms);  // step 22: the spike of step 7
    CHECK(T[x][0].in(mV) == doctest::Approx(2.0));

    // store/restore keeps the spikes in flight.
    spike_generator_group G2(1, {0}, {0.2}, ms);
    neuron_group<integrator> T2(1);
    synapses S2(G2, T2, on_pre(post(x) += 1_mV), delay(1_ms));
    S2.connect(one_to_one);
    network net2(G2, T2, S2);
    net2.run(0.5_ms);  // spike at step 2 is in flight, due at step 12
    net2.store();
    net2.run(1_ms);
    CHECK(T2[x][0].in(mV) == doctest::Approx(1.0));
    net2.restore();
    CHECK(T2[x][0].in(mV) == 0.0);
    net2.run(0.7_ms);  // steps 5..11
    CHECK(T2[x][0].in(mV) == 0.0);
    net2.run(0.1_ms);  // step 12
    CHECK(T2[x][0].in(mV) == doctest::Approx(1.0));
}

TEST_CASE("synapses: subgroup sources and targets use their offsets") {
    neuron_group<spiker> P(6);
    P[v][0] = 5_mV;  // spikes, but outside the source slice
    P[v][3] = 5_mV;  // element 1 of P.slice(2, 5)
    neuron_group<integrator> T(8);
    // Source element 1 (absolute 3) -> target element 0 of T.slice(3, 6) (absolute 3).
    synapses S(P.slice(2, 5), T.slice(3, 6), on_pre(post(x) += 2_mV, post(x) += pre(v) * 0.0));
    S.connect(std::vector<std::int64_t>{1, 0}, std::vector<std::int64_t>{0, 2});
    CHECK(S.size() == 2);
    CHECK_THROWS_AS(S.connect(std::vector<std::int64_t>{3}, std::vector<std::int64_t>{0}), std::out_of_range);
    network net(P, T, S);
    net.run(0.1_ms);
    for (std::size_t k = 0; k < 8; ++k) CHECK(T[x][k].in(mV) == doctest::Approx(k == 3 ? 2.0 : 0.0));

    // A slice as target of all-to-all connections from a whole group.
    neuron_group<spiker> Q(2);
    Q[v] = 5_mV;
    neuron_group<integrator> U(5);
    synapses S2(Q, U.slice(1, 3), on_pre(post(x) += 1_mV));
    S2.connect();
    CHECK(S2.size() == 4);
    network net2(Q, U, S2);
    net2.run(0.1_ms);
    const double expect[5] = {0, 2, 2, 0, 0};
    for (std::size_t k = 0; k < 5; ++k) CHECK(U[x][k].in(mV) == doctest::Approx(expect[k]));
}

TEST_CASE("synapses: on_pre reads pre and post variables, runs in order, from Poisson sources") {
    neuron_group<spiker> P(2);
    P[v] = 5_mV;
    neuron_group<integrator> T(2);
    T[x] = 1_mV;
    // Statements run in order: the second sees the first's result.
    synapses S(P, T, on_pre(post(x) *= 3.0, post(x) += post(x) + pre(v) * 0.0 + 1_mV));
    S.connect(one_to_one);
    network net(P, T, S);
    net.run(0.1_ms);
    CHECK(T[x][0].in(mV) == doctest::Approx(7.0));
    // pre(v) is read after the update, before the reset (Brian's order): v > 1 mV.
    neuron_group<spiker> P2(1);
    P2[v] = 5_mV;
    neuron_group<integrator> T2(1);
    synapses S2(P2, T2, on_pre(post(x) = pre(v)));
    S2.connect();
    network net2(P2, T2, S2);
    net2.run(0.1_ms);
    CHECK(T2[x][0].in(mV) == doctest::Approx(5.0 * std::exp(-0.01)));

    seed(3);
    poisson_group src(100, 200_Hz);
    neuron_group<integrator> T3(1);
    synapses S3(src, T3, on_pre(post(x) += 1_mV));
    S3.connect();
    spike_monitor m(src);
    network net3(src, T3, S3, m);
    net3.run(10_ms);
    CHECK(m.num_spikes() > 0);
    CHECK(T3[x][0].in(mV) == doctest::Approx(static_cast<double>(m.num_spikes())));
}

// ---- Per-synapse variables, on_post, event-driven variables, per-synapse delays ----

namespace syn_model_test {
inline constexpr parameter<"w", dimensionless> w;
inline constexpr state<"Apre", dimensionless> Apre;
inline constexpr state<"Apost", dimensionless> Apost;
constexpr auto taupre = 20_ms, taupost = 10_ms;
constexpr double dApre = 0.01, dApost = -0.02;

// Additive STDP with traces (Song et al. 2000), weights unbounded to test the window.
inline constexpr auto stdp = synapse_model(
    equations(d(Apre) / dt = -Apre / taupre | event_driven, d(Apost) / dt = -Apost / taupost | event_driven),
    on_pre(Apre += dApre, w = w + Apost), on_post(Apost += dApost, w = w + Apre));

// A non-linear event-driven equation is rejected (a `brian:` static_assert at the
// synapses declaration): the layout says why.
inline constexpr auto nonlinear = synapse_model(equations(d(Apre) / dt = -Apre * Apre / taupre | event_driven),
                                                on_pre(Apre += 1.0));
static_assert(!synapse_layout<std::remove_cvref_t<decltype(nonlinear)>>::event_driven_linear);
static_assert(synapse_layout<std::remove_cvref_t<decltype(stdp)>>::event_driven_linear);
static_assert(synapse_layout<std::remove_cvref_t<decltype(stdp)>>::n == 3);  // Apre, Apost, w
inline constexpr auto clock_driven = synapse_model(equations(d(Apre) / dt = -Apre / taupre), on_pre(Apre += 1.0));
static_assert(synapse_layout<std::remove_cvref_t<decltype(clock_driven)>>::clock_driven &&
              !synapse_layout<std::remove_cvref_t<decltype(clock_driven)>>::event_driven);

// Weight change of one pre spike at t_pre and one post spike at t_post (ms).
inline double pair_dw(double t_pre, double t_post) {
    spike_generator_group G(1, {0}, {t_pre}, ms);
    spike_generator_group H(1, {0}, {t_post}, ms);
    synapses S(G, H, stdp);
    S.connect();
    network net(G, H, S);
    net.run(std::max(t_pre, t_post) * 1_ms + 1_ms);
    CHECK(S.lastupdate()[0] == doctest::Approx(std::max(t_pre, t_post) * 1e-3));
    return S[w][0].value().value();
}
}  // namespace syn_model_test

TEST_CASE("synapses: per-synapse variables by expression of i and j, kept across connect") {
    using syn_model_test::w;
    neuron_group<integrator> A(3), B(4);
    synapses S(A, B, synapse_model(on_pre(post(x) += w * 1_mV)));
    S.connect();
    S[w] = 10.0 * i + j;
    REQUIRE(S[w].size() == 12);
    CHECK(S[w][S.index_of(2, 3)].value().value() == 23.0);
    CHECK(S[w][S.index_of(0, 1)].value().value() == 1.0);
    CHECK(S[w].in(dimensionless)(5) == 11.0);  // synapse 5 is 1 -> 1
    CHECK_THROWS_AS(S.index_of(0, 9), std::out_of_range);
    S[w][0] = 0.5;
    CHECK(S[w][0].value().value() == 0.5);
    // A new synapse of row 0 enters at position 4: old values move with their synapses.
    S.connect(std::vector<int>{0}, std::vector<int>{2});
    REQUIRE(S.size() == 13);
    CHECK(S[w][0].value().value() == 0.5);
    CHECK(S[w][3].value().value() == 3.0);
    CHECK(S[w][4].value().value() == 0.0);  // new: 0
    CHECK(S[w][5].value().value() == 10.0);
    CHECK(S[w][12].value().value() == 23.0);
    // Random per synapse, reproducible.
    auto draw = [&](std::uint64_t s) {
        seed(s);
        neuron_group<integrator> A2(3), B2(4);
        synapses R(A2, B2, synapse_model(on_pre(post(x) += w * 1_mV)));
        R.connect();
        R[w] = brian::rand();
        const auto v = R[w].in(dimensionless);
        return std::vector<double>(v.begin(), v.end());
    };
    const auto first = draw(3);
    CHECK(draw(3) == first);
    CHECK(draw(4) != first);
    CHECK(first[0] != first[1]);
}

TEST_CASE("synapses: on_pre reads per-synapse weights") {
    using syn_model_test::w;
    spike_generator_group G(2, {1}, {0.5}, ms);
    neuron_group<integrator> T(3);
    synapses S(G, T, synapse_model(on_pre(post(x) += w * 1_mV, w *= 2.0)));
    S.connect();
    S[w] = 1.0 + j;
    network net(G, T, S);
    net.run(0.6_ms);
    CHECK(T[x][0].in(mV) == doctest::Approx(1.0));
    CHECK(T[x][2].in(mV) == doctest::Approx(3.0));
    CHECK(S[w][S.index_of(1, 2)].value().value() == 6.0);  // doubled after its use
    CHECK(S[w][S.index_of(0, 2)].value().value() == 3.0);  // neuron 0 did not spike
}

TEST_CASE("synapses: STDP window from event-driven traces, on_pre before on_post") {
    using namespace syn_model_test;
    // pre 10 ms before post: potentiation dApre·exp(-10/20).
    CHECK(pair_dw(1.0, 11.0) == doctest::Approx(dApre * std::exp(-10.0 / 20.0)).epsilon(1e-12));
    // post 7 ms before pre: depression dApost·exp(-7/10).
    CHECK(pair_dw(11.0, 4.0) == doctest::Approx(dApost * std::exp(-7.0 / 10.0)).epsilon(1e-12));
    // Same step: on_pre runs first (w += Apost = 0), then on_post (w += Apre = dApre).
    CHECK(pair_dw(5.0, 5.0) == doctest::Approx(dApre));
}

TEST_CASE("synapses: on_post with pre(x), post(x) and CSR by target; several post spikes") {
    using syn_model_test::w;
    spike_generator_group G(3, std::vector<int>{}, std::vector<double>{}, ms);
    spike_generator_group H(2, {1, 0, 1}, {0.2, 0.4, 0.4}, ms);
    neuron_group<integrator> P(3);
    synapses S(P, H, synapse_model(on_post(w += 1.0, pre(x) += 1_mV)));
    S.connect(std::vector<int>{0, 2, 1, 2}, std::vector<int>{1, 1, 0, 0});
    network net(P, H, S);
    net.run(0.5_ms);
    // Post 1 spiked twice (synapses 0->1, 2->1), post 0 once (1->0, 2->0).
    CHECK(S[w][S.index_of(0, 1)].value().value() == 2.0);
    CHECK(S[w][S.index_of(2, 1)].value().value() == 2.0);
    CHECK(S[w][S.index_of(1, 0)].value().value() == 1.0);
    CHECK(S[w][S.index_of(2, 0)].value().value() == 1.0);
    CHECK(P[x][2].in(mV) == doctest::Approx(3.0));
    CHECK(P[x][0].in(mV) == doctest::Approx(2.0));
    CHECK(P[x][1].in(mV) == doctest::Approx(1.0));
}

TEST_CASE("synapses: per-synapse delays, round(D/dt) steps, changeable between runs") {
    spike_generator_group G(1, {0, 0}, {0.5, 2.0}, ms);
    neuron_group<integrator> T(4);
    synapses S(G, T, on_pre(post(x) += 1_mV), delay(0.3_ms));
    S.connect();
    S[delay] = 0.1_ms * j * j;  // 0, 0.1, 0.4, 0.9 ms: 0, 1, 4, 9 steps
    CHECK(S.heterogeneous_delays());
    CHECK(S[delay][2].in(ms) == doctest::Approx(0.4));
    network net(G, T, S);
    auto seen = [&] {
        std::vector<double> out;
        for (std::size_t k = 0; k < 4; ++k) out.push_back(T[x][k].in(mV));
        return out;
    };
    net.run(0.6_ms);  // spike in step 5: the 0-delay synapse acts at once
    CHECK(seen() == std::vector<double>{1, 0, 0, 0});
    net.run(0.3_ms);  // steps 6..8: the 1-step synapse at 6
    CHECK(seen() == std::vector<double>{1, 1, 0, 0});
    net.run(0.1_ms);  // step 9
    CHECK(seen()[2] == doctest::Approx(1.0));
    CHECK(seen()[3] == 0.0);
    // Changed between runs while the effect on 3 is in flight (due at step 14).
    S[delay] = 0.25_ms;  // int(2.5 + 0.5) = 3 steps for all
    net.run(1.0_ms);     // steps 10..19: the pending one arrives at step 14; spike 2 (step 20) not yet
    CHECK(seen() == std::vector<double>{1, 1, 1, 1});
    net.run(0.4_ms);  // steps 20..23: arrives at 23
    CHECK(seen() == std::vector<double>{2, 2, 2, 2});
    CHECK_THROWS_AS(S[delay] = -1_ms, std::invalid_argument);
}

TEST_CASE("synapses: random per-synapse delays lie in range") {
    neuron_group<integrator> A(20), B(20);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(probability(0.5));
    S[delay] = 1_ms + 2_ms * brian::rand();
    const auto d = S[delay].in(ms);
    double lo = 10, hi = 0;
    for (double v : d) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    CHECK(lo >= 1.0);
    CHECK(hi < 3.0);
    CHECK(hi - lo > 1.5);
}

TEST_CASE("synapses: store/restore keeps weights, traces, lastupdate and synapses in flight") {
    using namespace syn_model_test;
    spike_generator_group G(2, {0, 1, 0}, {1.0, 3.0, 6.0}, ms);
    spike_generator_group H(1, {0, 0}, {2.0, 7.0}, ms);
    synapses S(G, H, stdp);
    S.connect();
    S[delay] = 1_ms * (1.0 + i);
    network net(G, H, S);
    net.run(4_ms);
    net.store("mid");
    net.run(6_ms);
    const auto w1 = S[w].in(dimensionless);
    const auto a1 = S[Apre].in(dimensionless);
    const std::vector<double> l1 = S.lastupdate();
    net.restore("mid");
    S[w] = 5.0;  // overwritten by the restore below
    net.restore("mid");
    net.run(6_ms);
    CHECK(S[w].in(dimensionless) == w1);
    CHECK(S[Apre].in(dimensionless) == a1);
    CHECK(S.lastupdate() == l1);
    CHECK(w1(0) != 0.0);
}

namespace syn_implicit_post {
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr auto cell = neuron_model(equations(d(v) / dt = (ge - v) / 10_ms, d(ge) / dt = -ge / 5_ms));
}  // namespace syn_implicit_post

TEST_CASE("synapses: a plain neuron variable in synaptic code is the postsynaptic one (Brian's rule)") {
    using namespace syn_implicit_post;
    spike_generator_group src(1, {0}, {0.5}, ms);
    neuron_group<cell> a(2), b(2);
    synapses plain(src, a, on_pre(ge += 1_mV));
    synapses explicit_post(src, b, on_pre(post(ge) += 1_mV));
    plain.connect();
    explicit_post.connect();
    network net(src, a, b, plain, explicit_post);
    net.run(2_ms);
    CHECK(a[ge][1].in(mV) > 0.5);
    for (std::size_t k = 0; k < 2; ++k) {
        CHECK(a[ge][k].in(mV) == b[ge][k].in(mV));
        CHECK(a[syn_implicit_post::v][k].in(mV) == b[syn_implicit_post::v][k].in(mV));
    }
}

namespace syn_conditional_write {
inline constexpr state<"v", volt> v;
inline constexpr auto cell = neuron_model(equations(d(v) / dt = -v / 10_ms | unless_refractory), threshold(v > 5_mV),
                                          reset(v = 0_mV), refractory(2_ms), method::exact);
}  // namespace syn_conditional_write

TEST_CASE(
    "synapses: writes to an unless_refractory variable are dropped while refractory (Brian's conditional write)") {
    namespace cw = syn_conditional_write;
    // Neuron 0 is driven over threshold at 0.1 ms (spikes at step 1, refractory for 20
    // steps); a second input arrives at 1.0 ms (step 10), inside the refractory period.
    spike_generator_group src(1, {0, 0}, {0.1, 1.0}, ms);
    neuron_group<cw::cell> g(1);
    synapses S(src, g, on_pre(cw::v += 10_mV));
    S.connect();
    state_monitor M(g, record(cw::v));
    network net(src, g, S, M);
    net.run(1.5_ms);
    const auto trace = M[cw::v];
    // Step 11 (after the second input): still the reset value, the input was dropped.
    CHECK(trace(0, 11) == 0.0);
    CHECK(trace(0, 14) == 0.0);
}
