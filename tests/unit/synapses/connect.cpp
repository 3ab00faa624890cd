// brian/synapses/synapses.hpp: connect by condition, by a probability expression, both
// combined, n synapses per pair (synapses_per_pair), and state_monitor on synaptic
// variables.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace con_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;
inline constexpr parameter<"w", volt> w;

inline constexpr auto integrator = neuron_model(equations(d(v) / dt = x / 1_ms), method::euler);
inline constexpr auto spiker = neuron_model(equations(d(v) / dt = -v / 10_ms), threshold(v > 1_mV), reset(v = 0_mV),
                                            method::exact);

using brian_test::what_of;

using brian_test::pairs_of;

}  // namespace con_test

using namespace con_test;

TEST_CASE("connect: condition(i != j) is all-to-all without the diagonal") {
    neuron_group<integrator> A(6), B(5);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(condition(i != j));
    CHECK(S.size() == 6 * 5 - 5);
    for (auto [a, b] : pairs_of(S)) CHECK(a != b);
    // Targets ascending in a row; neuron 5 (no j = 5) gets all 5.
    CHECK(S.targets_of(5).size() == 5);
    CHECK(S.targets_of(0).size() == 4);
    CHECK(S.targets_of(0)[0] == 1);

    // Other conditions: ordering, arithmetic on indices, and/or.
    synapses T(A, B, on_pre(post(x) += 1_mV));
    T.connect(condition(i < j));
    for (auto [a, b] : pairs_of(T)) CHECK(a < b);
    CHECK(T.size() == 4 + 3 + 2 + 1);
    synapses U(A, B, on_pre(post(x) += 1_mV));
    U.connect(condition(j == i + 1 || j == i - 1));
    const std::vector<std::pair<int, int>> expect{{0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 3},
                                                  {3, 2}, {3, 4}, {4, 3}, {5, 4}};
    CHECK(pairs_of(U) == expect);
}

TEST_CASE("connect: a condition on pre(x) and post(x)") {
    neuron_group<integrator> A(4), B(4);
    A[v] = i * 1_mV;         // 0, 1, 2, 3 mV
    B[v] = 3_mV - i * 1_mV;  // 3, 2, 1, 0 mV
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(condition(pre(v) > post(v)));
    std::set<std::pair<int, int>> got;
    for (auto p : pairs_of(S)) got.insert(p);
    std::set<std::pair<int, int>> want;
    for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b)
            if (a > 3 - b) want.emplace(a, b);
    CHECK(got == want);
    CHECK(S.size() == want.size());
}

TEST_CASE("connect: probability as an expression of i and j") {
    // p = 1 on the diagonal, 0 elsewhere: exactly one_to_one.
    neuron_group<integrator> A(20), B(20);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(probability(clip(1.0 - abs(i - j), 0.0, 1.0)));
    REQUIRE(S.size() == 20);
    for (auto [a, b] : pairs_of(S)) CHECK(a == b);

    // Distance-dependent: the count matches sum p(i, j); short distances dominate;
    // the same seed gives the same synapses.
    auto build = [](std::uint64_t s) {
        seed(s);
        neuron_group<integrator> P(300), Q(300);
        synapses D(P, Q, on_pre(post(x) += 1_mV));
        D.connect(probability(exp(-abs(i - j) / 10.0)));
        return pairs_of(D);
    };
    const auto d1 = build(3), d2 = build(3), d3 = build(4);
    CHECK(d1 == d2);
    CHECK(d1 != d3);
    double expected = 0.0, var = 0.0;
    for (int a = 0; a < 300; ++a)
        for (int b = 0; b < 300; ++b) {
            const double p = std::exp(-std::abs(a - b) / 10.0);
            expected += p;
            var += p * (1 - p);
        }
    CHECK(std::abs(static_cast<double>(d1.size()) - expected) < 5 * std::sqrt(var));
    std::size_t near = 0, far = 0;
    for (auto [a, b] : d1) {
        if (std::abs(a - b) <= 10) ++near;
        if (std::abs(a - b) > 60) ++far;
    }
    CHECK(near > d1.size() / 2);
    CHECK(far < 30);  // expected about 0.7 per row beyond 60: ~17 in all rows at most
}

TEST_CASE("connect: a probability outside [0, 1] throws with a brian: message") {
    neuron_group<integrator> A(5), B(5);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(one_to_one);
    const std::string msg = what_of([&] { S.connect(probability(1.0 * (j - i))); });  // 2 at (0, 2)
    CHECK(msg.find("brian:") == 0);
    CHECK(msg.find("[0, 1]") != std::string::npos);
    CHECK(msg.find("i = 0, j = 2") != std::string::npos);
    CHECK(S.size() == 5);  // nothing added
    CHECK(what_of([&] { S.connect(probability(0.5 + 1.0 * i)); }).find("[0, 1]") != std::string::npos);
    CHECK(what_of([&] { S.connect(condition(i != j), probability(1.5)); }).find("brian:") == 0);
    CHECK(what_of([&] { S.connect(probability(-0.1)); }).find("brian:") == 0);
    CHECK(S.size() == 5);
}

TEST_CASE("connect: condition combined with probability") {
    seed(11);
    neuron_group<integrator> A(200), B(200);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(condition(i != j), probability(0.1));
    const auto ps = pairs_of(S);
    for (auto [a, b] : ps) CHECK(a != b);
    const double expected = 200.0 * 199.0 * 0.1, sd = std::sqrt(expected * 0.9);
    CHECK(std::abs(static_cast<double>(ps.size()) - expected) < 5 * sd);
    // Probability 1 with a condition is the condition; an expression probability too.
    synapses T(A, B, on_pre(post(x) += 1_mV));
    T.connect(condition(i < 3), probability(1.0));
    CHECK(T.size() == 3 * 200);
    synapses U(A, B, on_pre(post(x) += 1_mV));
    U.connect(condition(i != j), probability(int_(j == i + 1)));
    REQUIRE(U.size() == 199);
    for (auto [a, b] : pairs_of(U)) CHECK(b == a + 1);
}

TEST_CASE("connect: synapses_per_pair(n) makes n synapses for each pair") {
    neuron_group<integrator> A(4), B(4);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(one_to_one, synapses_per_pair(3));
    CHECK(S.size() == 12);
    const std::vector<std::int32_t> j3{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3};
    CHECK(S.j() == j3);
    CHECK(S.i() == j3);

    synapses T(A, B, on_pre(post(x) += 1_mV));
    T.connect(condition(i != j), synapses_per_pair(2));
    CHECK(T.size() == 2 * 12);
    synapses U(A, B, on_pre(post(x) += 1_mV));
    U.connect(synapses_per_pair(2));  // all-to-all, twice
    CHECK(U.size() == 32);
    synapses V(A, B, on_pre(post(x) += 1_mV));
    V.connect(probability(0.5), synapses_per_pair(2));
    const auto vj = V.j();
    REQUIRE(vj.size() % 2 == 0);
    for (std::size_t k = 0; k < vj.size(); k += 2) CHECK(vj[k] == vj[k + 1]);
    synapses W(A, B, on_pre(post(x) += 1_mV));
    W.connect(one_to_one, synapses_per_pair(0));
    CHECK(W.size() == 0);
    CHECK(what_of([] { (void)synapses_per_pair(-1); }).find("brian: synapses_per_pair") == 0);

    // Each of the n synapses acts: a spike of neuron 1 adds 3 × 1 mV.
    spike_generator_group G(2, {1}, {0.0}, ms);
    neuron_group<integrator> P(2);
    synapses X(G, P, on_pre(post(x) += 1_mV));
    X.connect(one_to_one, synapses_per_pair(3));
    network net(G, P, X);
    net.run(0.1_ms);
    CHECK(P[x][1].in(mV) == doctest::Approx(3.0));
    CHECK(P[x][0].in(mV) == 0.0);
}

TEST_CASE("state_monitor records synaptic variables") {
    // Neuron 0 of the generator spikes at steps 2 and 5; each spike adds 1 mV to w of
    // its synapses (event code), then w is recorded at the start of each step.
    spike_generator_group G(2, {0, 0}, {0.2, 0.5}, ms);
    neuron_group<integrator> P(3);
    synapses S(G, P, on_pre(w += 1_mV, post(x) += w));
    S.connect();  // synapses 0..2 from neuron 0, 3..5 from neuron 1
    S[w] = j * 1_mV;
    state_monitor M(S, record(w), indices{1, 4});
    network net(G, P, S, M);
    net.run(0.8_ms);
    const auto r = M.values(w, mV);
    REQUIRE(r.shape()[0] == 2);
    REQUIRE(r.shape()[1] == 8);
    // Synapse 1 (0 -> 1): 1 mV, +1 after step 2 (seen at step 3), +1 after step 5.
    const std::vector<double> w1{1, 1, 1, 2, 2, 2, 3, 3};
    for (std::size_t k = 0; k < 8; ++k) {
        CHECK(r(0, k) == doctest::Approx(w1[k]));
        CHECK(r(1, k) == doctest::Approx(1.0));  // synapse 4 (1 -> 1): never changes
    }
    CHECK(M.t()(3) == doctest::Approx(0.3e-3));
    CHECK(what_of([&] { state_monitor bad(S, record(w), indices{6}); }).find("brian:") == 0);
}

TEST_CASE("connect: generator targets(i + k, sample(...), k != 0) with skip_if_invalid") {
    // range: the nearest neighbours, exactly.
    neuron_group<integrator> A(5), B(5);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(targets(i + k, range(-1, 2), k != 0), skip_if_invalid);
    const std::vector<std::pair<int, int>> expect{{0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 3}, {3, 2}, {3, 4}, {4, 3}};
    CHECK(pairs_of(S) == expect);
    // Without skip_if_invalid, a j outside the target is an error naming the remedy.
    synapses T(A, B, on_pre(post(x) += 1_mV));
    const std::string msg = what_of([&] { T.connect(targets(i + k, range(-1, 2), k != 0)); });
    CHECK(msg.find("brian:") == 0);
    CHECK(msg.find("j = -1 for i = 0") != std::string::npos);
    CHECK(msg.find("skip_if_invalid") != std::string::npos);
    CHECK(T.size() == 0);
    // A generator without condition, reversed order, n per pair; range(high); step.
    synapses U(A, B, on_pre(post(x) += 1_mV));
    U.connect(targets(4 - i + 0 * k, range(1)), synapses_per_pair(2));
    CHECK(U.j() == std::vector<std::int32_t>{4, 4, 3, 3, 2, 2, 1, 1, 0, 0});
    synapses V(A, B, on_pre(post(x) += 1_mV));
    V.connect(targets(k, range(4, -1, -2)));  // k = 4, 2, 0 for every i
    CHECK(V.targets_of(3).size() == 3);
    CHECK(V.targets_of(3)[0] == 4);
    CHECK(V.targets_of(3)[2] == 0);
    CHECK(what_of([] { (void)range(0, 3, 0); }).find("brian:") == 0);
    CHECK(what_of([] { (void)sample(0, 3, 1.5); }).find("brian:") == 0);

    // sample: each k of [-10, 10) \ {0} with p = 0.5, reproducibly with the seed.
    auto build = [](std::uint64_t s) {
        seed(s);
        neuron_group<integrator> P(400), Q(400);
        synapses D(P, Q, on_pre(post(x) += 1_mV));
        D.connect(targets(i + k, sample(-10, 10, 0.5), k != 0), skip_if_invalid);
        return pairs_of(D);
    };
    const auto d1 = build(5), d2 = build(5), d3 = build(6);
    CHECK(d1 == d2);
    CHECK(d1 != d3);
    double valid = 0.0;
    for (int a = 0; a < 400; ++a)
        for (int kk = -10; kk < 10; ++kk)
            if (kk != 0 && a + kk >= 0 && a + kk < 400) valid += 1.0;
    const double expected = 0.5 * valid, sd = std::sqrt(valid * 0.25);
    CHECK(std::abs(static_cast<double>(d1.size()) - expected) < 5 * sd);
    std::set<std::pair<int, int>> seen;
    for (auto [a, b] : d1) {
        CHECK(b - a >= -10);
        CHECK(b - a < 10);
        CHECK(b != a);
        CHECK(b >= 0);
        CHECK(b < 400);
        seen.emplace(a, b);
    }
    CHECK(seen.size() == d1.size());
}
