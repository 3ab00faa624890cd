// brian/synapses/: the connect forms users porting Brian could not write (one pair,
// braced lists, slice pairs), conditions on i or j alone restricting the loops, shared
// synaptic variables, and store/restore of the whole synapses state (connectivity,
// variables, events in flight) with its checks.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace gap_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;
inline constexpr parameter<"w", volt> w;
inline constexpr shared<"plastic", dimensionless> plastic;

inline constexpr auto integrator = neuron_model(equations(d(v) / dt = x / 1_ms), method::euler);
inline constexpr auto spiker = neuron_model(equations(d(v) / dt = 1_mV / 1_ms), threshold(v > 0.5_mV), reset(v = 0_mV),
                                            method::exact);

using brian_test::what_of;

using brian_test::pairs_of;

}  // namespace gap_test

using namespace gap_test;

TEST_CASE("connect: one pair connect(0, 0), braced lists connect({0, 1}, {2, 3})") {
    neuron_group<integrator> A(3), B(4);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(0, 0);
    S.connect({1, 2}, {3, 1});
    CHECK(pairs_of(S) == std::vector<std::pair<int, int>>{{0, 0}, {1, 3}, {2, 1}});
    CHECK(what_of([&] { S.connect(0, 4); }).starts_with("brian: connect(i, j): postsynaptic index 4"));
}

TEST_CASE("connect: a rule between two slices (Brian 1's connect_random(P[a:b], Q[c:d], p))") {
    neuron_group<integrator> A(10), B(8);
    synapses S(A, B, on_pre(post(x) += 1_mV));
    S.connect(A.slice(2, 5), B.slice(4, 7), one_to_one);
    CHECK(pairs_of(S) == std::vector<std::pair<int, int>>{{2, 4}, {3, 5}, {4, 6}});
    S.connect(A.slice(0, 1), B.slice(0, 2));  // all to all in the window
    CHECK(S.size() == 5);
    S.connect(A.slice(5, 10), B.slice(0, 8), probability(1.0));
    CHECK(S.size() == 5 + 5 * 8);
    S.connect(A.slice(9, 10), B.slice(0, 8), condition(j > 5));
    CHECK(S.targets_of(9).size() == 8 + 2);
    neuron_group<integrator> C(10);
    CHECK(what_of([&] { S.connect(C.slice(0, 2), B.slice(0, 2)); }).find("not part of the synapses' source") !=
          std::string::npos);
    synapses T(A.slice(2, 6), B, on_pre(post(x) += 1_mV));
    CHECK(what_of([&] { T.connect(A.slice(0, 3), B.slice(0, 2)); }).starts_with("brian:"));
    T.connect(A.slice(3, 6), B.slice(0, 1));  // source index 1..3 within the slice source
    CHECK(pairs_of(T) == std::vector<std::pair<int, int>>{{1, 0}, {2, 0}, {3, 0}});
}

TEST_CASE("connect: a condition on i alone or j alone gives the pairs of the full scan") {
    neuron_group<integrator> A(40), B(30);
    synapses S1(A, B, on_pre(post(x) += 1_mV));
    S1.connect(condition(i < 10 && j >= 20 && floor((i + j) / 3.0) == (i + j) / 3.0));
    std::vector<std::pair<int, int>> expected;
    for (int a = 0; a < 10; ++a)
        for (int b = 20; b < 30; ++b)
            if ((a + b) % 3 == 0) expected.emplace_back(a, b);
    CHECK(pairs_of(S1) == expected);
    // With a constant probability and no pair test: geometric draws over the selected rows
    // and columns only.
    seed(5);
    synapses S2(A, B, on_pre(post(x) += 1_mV));
    S2.connect(condition(i < 20 && j >= 10), probability(0.3));
    for (auto [a, b] : pairs_of(S2)) {
        CHECK(a < 20);
        CHECK(b >= 10);
    }
    const double expected_n = 20 * 20 * 0.3, sd = std::sqrt(expected_n * 0.7);
    CHECK(std::abs(static_cast<double>(S2.size()) - expected_n) < 5 * sd);
}

TEST_CASE("connect: condition(i < Ne) with probability costs no pair loop") {
    // 10^5 x 10^5 pairs would take minutes to scan; the row test and geometric draws take
    // milliseconds.
    neuron_group<integrator> A(100000);
    synapses S(A, A, on_pre(post(x) += 1_mV));
    S.connect(condition(i < 80000), probability(1e-4));
    const double expected_n = 80000.0 * 100000.0 * 1e-4;
    CHECK(std::abs(static_cast<double>(S.size()) - expected_n) < 5 * std::sqrt(expected_n));
    for (auto a : S.i()) CHECK_LT(a, 80000);
}

TEST_CASE("synapses: a shared variable switches plasticity between runs (Vogels et al.)") {
    neuron_group<spiker> A(1);
    neuron_group<integrator> B(2);
    auto model = synapse_model(on_pre(post(x) += w, w += plastic * 1_mV));
    synapses S(A, B, model);
    S.connect();
    S[w] = 1_mV;
    S[plastic] = 0.0;
    network net(A, B, S);
    net.run(5_ms);
    CHECK(S[w][0].in(mV) == doctest::Approx(1.0));
    S[plastic] = 1.0;
    CHECK(S[plastic][0].value().value() == 1.0);
    net.run(5_ms);
    CHECK(S[w][0].in(mV) > 1.5);
}

TEST_CASE("synapses: store/restore brings back connectivity after a later connect") {
    neuron_group<spiker> A(3);
    neuron_group<integrator> B(4);
    synapses S(A, B, on_pre(post(x) += w), delay(2_ms));
    S.connect(probability(0.5));
    S[w] = 1_mV + j * 1_mV;
    network net(A, B, S);
    net.run(1.55_ms);  // spikes in flight
    net.store("s");
    const auto pairs = pairs_of(S);
    std::vector<double> weights;
    for (std::size_t k = 0; k < S.size(); ++k) weights.push_back(S[w][k].in(mV));
    net.run(2_ms);
    const auto x_after = B[x].in(mV);
    S.connect();  // hundreds of weights would be zeroed by a restore that kept this count
    S[w] = 7_mV;
    net.restore("s");
    CHECK(pairs_of(S) == pairs);
    for (std::size_t k = 0; k < S.size(); ++k) CHECK(S[w][k].in(mV) == weights[k]);
    net.run(2_ms);
    CHECK(B[x].in(mV) == x_after);
}

TEST_CASE("synapses: a state of other synapses is rejected and changes nothing") {
    neuron_group<spiker> A(3);
    neuron_group<integrator> B(4), C(2);
    synapses S(A, B, on_pre(post(x) += w), delay(1_ms));
    S.connect();
    S[w] = 2_mV;
    network net(A, B, S);
    net.run(1.5_ms);
    std::stringstream state;
    S.store(state);
    const std::string bytes = state.str();
    // Another target size: every j of the stored state must exist in the target.
    synapses T(A, C, on_pre(post(x) += w), delay(1_ms));
    T.connect(0, 1);
    std::stringstream in1(bytes);
    CHECK(what_of([&] { T.restore(in1); }).starts_with("brian: the stored state of synapses connects to"));
    CHECK(T.size() == 1);
    // Truncated anywhere: an error, never a crash, nothing changed.
    for (std::size_t cut = 0; cut < bytes.size(); cut += 7) {
        synapses U(A, B, on_pre(post(x) += w), delay(1_ms));
        U.connect(1, 1);
        std::stringstream in(bytes.substr(0, cut));
        CHECK(what_of([&] { U.restore(in); }).starts_with("brian:"));
        CHECK(U.size() == 1);
    }
    // Events in flight naming synapses that do not exist (a state of more synapses).
    synapses V(A, B, on_pre(post(x) += w), delay(1_ms));
    V.connect();
    std::stringstream in2(bytes);
    V.restore(in2);
    CHECK(V.size() == S.size());
}

TEST_CASE("synapses: on_pre(V += w) with V a parameter of the target writes the target (Brian's rule)") {
    neuron_group<spiker> A(1);
    neuron_group<integrator> B(2);
    synapses S(A, B, on_pre(x += w));  // x: a parameter of B, w: per synapse
    S.connect();
    S[w] = 2_mV;
    static_assert(!decltype(S)::layout::stores<std::remove_cvref_t<decltype(x)>>);
    network net(A, B, S);
    net.run(1_ms);  // A spikes at 0.5 ms
    CHECK(B[x][0].in(mV) == doctest::Approx(2.0));
    CHECK(B[x][1].in(mV) == doctest::Approx(2.0));
}
