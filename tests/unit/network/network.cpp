// brian/network/network.hpp, clock.hpp, network_operation.hpp, schedule.hpp, report.hpp:
// repeated runs, duration and dt errors, several clocks, the slots and `order`, stop(),
// progress report and profile.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"RI", volt> RI;
inline constexpr parameter<"slope", dimensionless> slope;

inline constexpr auto lif = neuron_model(equations(d(v) / dt = (-70_mV - v + RI) / 20_ms | unless_refractory),
                                         threshold(v > -50_mV), reset(v = -70_mV), refractory(2_ms), method::exact);
// v grows by slope·0.1 mV per 0.1 ms step.
inline constexpr auto ramp = neuron_model(equations(d(v) / dt = slope * volt / second), method::euler);

using time_q = units::quantity<boost::units::si::time>;

template <class M>
std::vector<std::pair<std::int64_t, std::int32_t>> spikes_of(const M& m) {
    std::vector<std::pair<std::int64_t, std::int32_t>> out;
    const auto idx = m.i();
    for (std::size_t k = 0; k < m.num_spikes(); ++k) out.emplace_back(m.steps()[k], idx(k));
    return out;
}

using brian_test::what_of;

}  // namespace

TEST_CASE("network: a second run continues in time, as one long run") {
    neuron_group<lif> A(5), B(5);
    for (auto* g : {&A, &B}) {
        (*g)[v] = -70_mV;
        (*g)[RI] = 21_mV + 2_mV * i;
    }
    spike_monitor sa(A);
    spike_monitor sb(B);
    network split(A, sa);
    network whole(B, sb);
    CHECK(split.t().value() == 0.0);
    split.run(33.3_ms);
    CHECK(split.t().value() == doctest::Approx(33.3e-3));
    CHECK(A.clock().step() == 333);
    split.run(66.7_ms);
    CHECK(split.t().value() == doctest::Approx(0.1));
    CHECK(A.clock().step() == 1000);
    whole.run(100_ms);
    REQUIRE(sb.num_spikes() > 10);
    CHECK(spikes_of(sa) == spikes_of(sb));
    for (std::size_t k = 0; k < 5; ++k) CHECK(A[v][k].in(mV) == B[v][k].in(mV));
}

TEST_CASE("network: run needs a positive, finite duration") {
    neuron_group<lif> G(1);
    network net(G);
    CHECK_THROWS_AS(net.run(0_ms), std::invalid_argument);
    CHECK_THROWS_AS(net.run(-1_ms), std::invalid_argument);
    CHECK_THROWS_AS(net.run(time_q::from_value(std::nan(""))), std::invalid_argument);
    CHECK_THROWS_AS(net.run(time_q::from_value(std::numeric_limits<double>::infinity())), std::invalid_argument);
    CHECK(what_of([&] { net.run(-1_ms); }).starts_with("brian:"));
    CHECK(net.t().value() == 0.0);
    CHECK(G.clock().step() == 0);
    net.run(1_ms);
    CHECK(G.clock().step() == 10);
}

TEST_CASE("clock: dt must be positive and finite") {
    neuron_group<lif> G(1);
    CHECK_THROWS_AS(G.set_dt(0_ms), std::invalid_argument);
    CHECK_THROWS_AS(G.set_dt(-0.1_ms), std::invalid_argument);
    CHECK_THROWS_AS(G.set_dt(time_q::from_value(std::nan(""))), std::invalid_argument);
    CHECK(what_of([&] { G.set_dt(0_ms); }).starts_with("brian:"));
    CHECK(G.clock().dt() == doctest::Approx(1e-4));  // unchanged
    G.set_dt(0.05_ms);
    CHECK(G.clock().dt() == doctest::Approx(5e-5));
    CHECK_THROWS_AS(network_operation([](auto) {}, 0_ms), std::invalid_argument);
    // Brian's timestep(): robust to rounding at multiples of dt.
    CHECK(brian::clock::steps_for(0.3e-3, 1e-4) == 3);
    CHECK(brian::clock::steps_for(0.35e-3, 1e-4) == 3);
    CHECK(brian::clock::steps_for(0.3998e-3, 1e-4) == 3);
    CHECK(brian::clock::steps_for(0.39995e-3, 1e-4) == 4);  // within 0.001 dt of a step
}

TEST_CASE("network: objects with different dt (0.1 ms and 0.3 ms)") {
    neuron_group<ramp> fast(1), slow(1);
    fast[slope] = 1;
    slow[slope] = 1;
    slow.set_dt(0.3_ms);
    std::vector<double> t_fast, t_slow;
    network_operation op_fast([&](auto t) { t_fast.push_back(t.value()); });
    network_operation op_slow([&](auto t) { t_slow.push_back(t.value()); }, 0.3_ms);
    network net(fast, slow, op_fast, op_slow);
    net.run(3_ms);
    CHECK(fast.clock().step() == 30);
    CHECK(slow.clock().step() == 10);
    CHECK(t_fast.size() == 30);
    REQUIRE(t_slow.size() == 10);
    for (std::size_t k = 0; k < 10; ++k) CHECK(t_slow[k] == doctest::Approx(0.3e-3 * static_cast<double>(k)));
    // Each group integrates with its own dt: the same ramp either way.
    CHECK(fast[v][0].in(mV) == doctest::Approx(3.0));
    CHECK(slow[v][0].in(mV) == doctest::Approx(3.0));

    // 1 ms more: the slow clock runs at 3.0, 3.3, 3.6, 3.9 ms (Brian's rule: every step
    // that starts before the end).
    net.run(1_ms);
    CHECK(fast.clock().step() == 40);
    CHECK(slow.clock().step() == 14);
    CHECK(t_slow.back() == doctest::Approx(3.9e-3));
    CHECK(net.t().value() == doctest::Approx(4e-3));
    // Then 0.2 ms: the slow clock (at 4.2 ms) is past the end and does not run.
    net.run(0.2_ms);
    CHECK(fast.clock().step() == 42);
    CHECK(slow.clock().step() == 14);
    net.run(0.3_ms);
    CHECK(slow.clock().step() == 15);
    CHECK(t_slow.back() == doctest::Approx(4.2e-3));
}

TEST_CASE("schedule: network operations in start and end see the state before and after the update") {
    neuron_group<ramp> G(1);
    G[slope] = 1;
    std::vector<double> at_start, at_end, times;
    network_operation op_start(
        [&](auto t) {
            at_start.push_back(G[v][0].in(mV));
            times.push_back(t.value());
        },
        0.1_ms, slot::start);
    network_operation op_end([&](auto) { at_end.push_back(G[v][0].in(mV)); }, 0.1_ms, slot::end);
    network net(op_end, G, op_start);  // the slots decide, not the order given
    net.run(0.5_ms);
    REQUIRE(at_start.size() == 5);
    REQUIRE(at_end.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) {
        CAPTURE(k);
        CHECK(at_start[k] == doctest::Approx(0.1 * static_cast<double>(k)).epsilon(1e-9));
        CHECK(at_end[k] == doctest::Approx(0.1 * static_cast<double>(k + 1)).epsilon(1e-9));
        CHECK(times[k] == doctest::Approx(1e-4 * static_cast<double>(k)));
    }
}

TEST_CASE("schedule: thresholds, resets and the order member within a slot") {
    neuron_group<lif> G(1);
    G[v] = -70_mV;
    G[RI] = 10 * volt;  // above threshold after one step, then refractory for 20 steps
    std::vector<std::string> log;
    std::vector<double> seen;
    auto watch = [&](const char* name) {
        return [&, name](auto) {
            log.push_back(name);
            seen.push_back(G[v][0].in(mV));
        };
    };
    network_operation in_thresholds(watch("thresholds"), 0.1_ms, slot::thresholds);
    network_operation before_reset(watch("resets, order -1"), 0.1_ms, slot::resets);
    network_operation after_reset(watch("resets, order 1"), 0.1_ms, slot::resets);
    network_operation groups_first(watch("groups, order -1"), 0.1_ms, slot::groups);
    network_operation groups_second(watch("groups, order 0 after G"), 0.1_ms, slot::groups);
    before_reset.order = -1;
    after_reset.order = 1;
    groups_first.order = -1;
    network net(after_reset, in_thresholds, G, groups_second, before_reset, groups_first);
    net.run(0.1_ms);  // one step
    const std::vector<std::string> want{"groups, order -1", "groups, order 0 after G", "thresholds", "resets, order -1",
                                        "resets, order 1"};
    CHECK(log == want);
    REQUIRE(seen.size() == 5);
    const double crossed = -70.0 + 10000.0 * (1 - std::exp(-0.1 / 20));
    CHECK(seen[0] == doctest::Approx(-70.0));    // before the update
    CHECK(seen[1] == doctest::Approx(crossed));  // after it
    CHECK(seen[2] == doctest::Approx(crossed));
    CHECK(seen[3] == doctest::Approx(crossed));  // the group's reset has order 0
    CHECK(seen[4] == doctest::Approx(-70.0));
}

TEST_CASE("network: stop() from a network operation ends the run after the current step") {
    neuron_group<ramp> G(1);
    G[slope] = 1;
    std::function<void()> stop;
    int calls = 0;
    network_operation op(
        [&](auto t) {
            ++calls;
            if (t.value() >= 0.5e-3 - 1e-12) stop();
        },
        0.1_ms, slot::end);
    network net(G, op);
    stop = [&] { net.stop(); };
    net.run(10_ms);
    CHECK(calls == 6);  // steps 0..5
    CHECK(G.clock().step() == 6);
    CHECK(net.t().value() == doctest::Approx(0.6e-3));
    CHECK(G[v][0].in(mV) == doctest::Approx(0.6));
    // The next run starts where the stopped one ended (and is stopped at once again).
    net.run(1_ms);
    CHECK(calls == 7);
    CHECK(G.clock().step() == 7);
}

TEST_CASE("report::text and profile::on") {
    neuron_group<lif> G(10);
    neuron_group<lif> E(10, "exc");
    G[v] = -70_mV;
    G[RI] = 25_mV;
    E[v] = -70_mV;
    spike_monitor spikes(G);
    network net(G, E, spikes);
    net.run(2_ms, report::text);  // progress on stderr
    CHECK(G.clock().step() == 20);
    net.run(2_ms, report::none, profile::on);
    const std::string summary = net.profiling_summary();
    CAPTURE(summary);
    CHECK(summary.find("neurongroup") != std::string::npos);
    CHECK(summary.find("exc") != std::string::npos);
    CHECK(summary.find("time (s)") != std::string::npos);
    // One line per object, plus the header.
    CHECK(std::count(summary.begin(), summary.end(), '\n') == 4);
}
