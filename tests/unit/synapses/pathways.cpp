// brian/synapses/pathway.hpp, spike_queue.hpp and the network's contained objects: named
// pathways with their own delays, Brian's order of pre and post pathways across synapses
// objects, the network-membership check, errors before connect.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <stdexcept>
#include <string>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace pathway_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;
inline constexpr parameter<"y", dimensionless> y;
inline constexpr parameter<"drive", volt> drive;
inline constexpr parameter<"w", volt> w;

inline constexpr auto integrator = neuron_model(equations(d(v) / dt = x / 1_ms), method::euler);
// Spikes at every step (drive > 0) and never resets: a target whose on_post runs each step.
inline constexpr auto always = neuron_model(equations(d(v) / dt = (y * 1_mV - v) / 10_ms), threshold(drive > 0_mV),
                                            method::exact);

using brian_test::what_of;

// Two named on_pre pathways with their own delays: `up` adds, `down` subtracts later.
inline constexpr auto two_paths = synapse_model(on_pre<"up">(post(x) += 1_mV), on_pre<"down">(post(x) -= 0.25_mV),
                                                delay<"up">(0.5_ms), delay<"down">(1.2_ms));

}  // namespace pathway_test

using namespace pathway_test;

TEST_CASE("pathways: named on_pre pathways act after their own delays") {
    spike_generator_group G(1, {0}, {0.3}, ms);  // step 3
    neuron_group<integrator> T(1);
    synapses S(G, T, two_paths, "S");
    S.connect();
    CHECK(S.delay_seconds<"up">() == doctest::Approx(0.5e-3));
    CHECK(S.delay_seconds<"down">() == doctest::Approx(1.2e-3));
    network net(G, T, S);
    net.run(0.8_ms);  // steps 0..7
    CHECK(T[x][0].in(mV) == 0.0);
    net.run(0.1_ms);  // step 8 = 3 + 5: up
    CHECK(T[x][0].in(mV) == doctest::Approx(1.0));
    net.run(0.6_ms);  // steps 9..14
    CHECK(T[x][0].in(mV) == doctest::Approx(1.0));
    net.run(0.1_ms);  // step 15 = 3 + 12: down
    CHECK(T[x][0].in(mV) == doctest::Approx(0.75));

    // A named pathway's delay changes between runs, also per synapse.
    S.set_delay<"up">(0.2_ms);
    CHECK(S.delay_seconds<"up">() == doctest::Approx(0.2e-3));
    CHECK(S.delay_seconds<"down">() == doctest::Approx(1.2e-3));
    S.delays_of<"down">() = 0.1_ms;
    CHECK(S.heterogeneous_delays<"down">());
    CHECK(!S.heterogeneous_delays<"up">());
}

TEST_CASE("pathways: every on_pre pathway runs before any on_post pathway of the step (Brian's orders)") {
    // A's on_post (listed first) multiplies y by 10 at every step; B's on_pre adds 1 at
    // the source spike. Brian runs B_pre (order -1) before A_post (order +1): y = 10.
    spike_generator_group G(1, {0}, {0.5}, ms);  // step 5
    neuron_group<always> T(1);
    T[drive] = 1_mV;
    synapses A(G, T, synapse_model(on_post(post(y) *= 10.0)), "A");
    synapses B(G, T, on_pre(post(y) += 1.0), "B");
    A.connect();
    B.connect();
    network net(G, T, A, B);
    net.run(0.6_ms);  // steps 0..5
    CHECK(T[y][0].in(dimensionless) == doctest::Approx(10.0));
}

TEST_CASE("pathways: on_post with a delay") {
    spike_generator_group G(1, {0}, {10.0}, ms);  // no source spike in the run
    neuron_group<always> T(1);
    T[drive] = 1_mV;
    synapses S(G, T, synapse_model(on_post(post(y) += 1.0), delay<"post">(0.3_ms)), "S");
    S.connect();
    network net(G, T, S);
    net.run(0.3_ms);  // steps 0..2: the spikes of steps 0.. act 3 steps later
    CHECK(T[y][0].in(dimensionless) == 0.0);
    net.run(0.1_ms);  // step 3: the spike of step 0
    CHECK(T[y][0].in(dimensionless) == doctest::Approx(1.0));
}

TEST_CASE("pathways: a network without the source or target group of a synapses object throws") {
    spike_generator_group G(1, {0}, {0.5}, ms);
    neuron_group<integrator> T(2);
    synapses S(G, T.slice(0, 1), on_pre(post(x) += 1_mV), "Ce");
    S.connect();
    const std::string no_target = what_of([&] { network net(G, S); });
    CHECK(no_target.find("brian: Ce acts on a group that is not in the network") != std::string::npos);
    CHECK(no_target.find("add that group") != std::string::npos);
    CHECK(what_of([&] { network net(T, S); }).find("not in the network") != std::string::npos);
    CHECK(what_of([&] { network net(G, T, S); }).empty());
}

TEST_CASE("pathways: variables and delays before connect, negative delays") {
    neuron_group<integrator> T(2);
    synapses S(T, T, synapse_model(on_pre(post(x) += w)), "S");
    const std::string e = what_of([&] { S[w] = 1_mV; });
    CHECK(e.find("brian: S has no synapses yet") != std::string::npos);
    CHECK(e.find("connect") != std::string::npos);
    CHECK(what_of([&] { S[delay] = 1_ms; }).find("no synapses yet") != std::string::npos);
    CHECK(what_of([&] { (void)delay(-1_ms); }).find("delays cannot be negative") != std::string::npos);
    S.connect();
    CHECK(what_of([&] { S[delay] = -1_ms; }).find("must be finite times >= 0") != std::string::npos);
    CHECK(what_of([&] { S.set_delay(-2_ms); }).find("cannot be negative") != std::string::npos);
}
