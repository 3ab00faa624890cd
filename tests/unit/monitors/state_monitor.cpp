// brian/monitors/state_monitor.hpp: shape (recorded elements, times), recording at the
// start of the step (the value at t_n), every dt or a multiple, subexpressions, parameters,
// subgroups, errors; times in a unit; recording in another slot (Brian's when=, order=).
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

#include <xtensor/xmath.hpp>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"slope", dimensionless> slope;
inline constexpr subexpression<"vv", volt> vv;

// v grows by slope·0.1 mV per step of 0.1 ms; vv = 2 v + 1 mV.
inline constexpr auto ramp = neuron_model(equations(d(v) / dt = slope * volt / second, vv = 2 * v + 1_mV),
                                          method::euler);
// The same with a threshold and reset: with slope 1, v = 5.1 mV after the update of step
// 50 > 5.05 mV, a spike stamped at step 50, and v = 0 after the reset of that step.
inline constexpr auto ramp_reset = neuron_model(equations(d(v) / dt = slope * volt / second, vv = 2 * v + 1_mV),
                                                threshold(v > 5.05_mV), reset(v = 0_mV), method::euler);

/// v at the start of step k for a slope (V/s) and a dt (s).
double v_at(double slope_v, std::size_t k, double step = 1e-4) { return slope_v * static_cast<double>(k) * step; }

}  // namespace

TEST_CASE("state_monitor: shape, times and start-of-step values") {
    neuron_group<ramp> G(3);
    G[slope].set(std::vector{1.0, 2.0, 3.0}, dimensionless);
    state_monitor M(G, record(v, slope), indices{0, 2});
    state_monitor all(G, record(v));
    network net(G, M, all);
    net.run(1_ms);

    const auto rv = M[v];
    REQUIRE(rv.shape(0) == 2);
    REQUIRE(rv.shape(1) == 10);
    CHECK(all[v].shape(0) == 3);
    CHECK(all[v].shape(1) == 10);
    const std::vector<std::int64_t> rec{0, 2};
    CHECK(M.recorded_indices() == rec);

    const auto times = M.t();
    REQUIRE(times.size() == 10);
    for (std::size_t k = 0; k < 10; ++k) {
        CAPTURE(k);
        CHECK(times(k) == doctest::Approx(static_cast<double>(k) * 1e-4));
        // Recorded before the update: the first column is the initial value.
        CHECK(rv(0, k) == doctest::Approx(v_at(1.0, k)).epsilon(1e-9));
        CHECK(rv(1, k) == doctest::Approx(v_at(3.0, k)).epsilon(1e-9));
        CHECK(all[v](1, k) == doctest::Approx(v_at(2.0, k)).epsilon(1e-9));
        CHECK(M[slope](1, k) == 3.0);
    }
    CHECK(rv(0, 0) == 0.0);
    // The final value (after the last update) is not recorded yet.
    CHECK(G[v][0].in(mV) == doctest::Approx(1.0));
    CHECK(rv(0, 9) == doctest::Approx(0.9e-3));

    const auto in_mv = M.values(v, mV);
    CHECK(in_mv(1, 9) == doctest::Approx(2.7));

    // A second run appends, continuing in time.
    net.run(0.5_ms);
    CHECK(M[v].shape(1) == 15);
    CHECK(M.t()(14) == doctest::Approx(1.4e-3));
    CHECK(M[v](0, 14) == doctest::Approx(1.4e-3));
}

TEST_CASE("state_monitor: a recording dt that is a multiple of the group's") {
    neuron_group<ramp> G(2);
    G[slope] = 1;
    state_monitor slow(G, record(v), {}, 0.5_ms);
    state_monitor fast(G, record(v), indices{1});
    network net(G, slow, fast);
    net.run(2_ms);
    const auto rs = slow[v];
    REQUIRE(rs.shape(0) == 2);
    REQUIRE(rs.shape(1) == 4);  // 0, 0.5, 1.0, 1.5 ms
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(slow.t()(k) == doctest::Approx(0.5e-3 * static_cast<double>(k)));
        CHECK(rs(1, k) == doctest::Approx(v_at(1.0, 5 * k)).epsilon(1e-9));
    }
    CHECK(fast[v].shape(1) == 20);
}

TEST_CASE("state_monitor: errors") {
    neuron_group<ramp> G(3);
    CHECK_THROWS_AS(state_monitor(G, record(v), indices{3}), std::out_of_range);
    CHECK_THROWS_AS(state_monitor(G, record(v), indices{0, -1}), std::out_of_range);
    CHECK_THROWS_AS(state_monitor(G, record(v), {}, 0.25_ms), std::invalid_argument);
    CHECK_THROWS_AS(state_monitor(G, record(v), {}, 0.05_ms), std::invalid_argument);
    CHECK_NOTHROW(state_monitor(G, record(v), {}, 0.3_ms));
    try {
        state_monitor(G, record(v), {}, 0.25_ms);
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).starts_with("brian:"));
    }
}

TEST_CASE("state_monitor: recording a subexpression") {
    neuron_group<ramp> G(2);
    G[slope].set(std::vector{1.0, -1.0}, dimensionless);
    state_monitor M(G, record(vv, v));
    network net(G, M);
    net.run(1_ms);
    const auto rvv = M[vv];
    const auto rv = M[v];
    REQUIRE(rvv.shape(0) == 2);
    REQUIRE(rvv.shape(1) == 10);
    for (std::size_t e = 0; e < 2; ++e)
        for (std::size_t k = 0; k < 10; ++k) CHECK(rvv(e, k) == doctest::Approx(2 * rv(e, k) + 1e-3));
    CHECK(rvv(1, 9) == doctest::Approx(-0.8e-3));
}

TEST_CASE("state_monitor: on a subgroup, indices are relative to it") {
    neuron_group<ramp> G(4);
    G[slope] = 1 + i;  // 1, 2, 3, 4
    auto sub = G.slice(1, 4);
    state_monitor M(sub, record(v, vv), indices{0, 2});  // neurons 1 and 3
    network net(G, M);
    net.run(0.5_ms);
    const auto rv = M[v];
    REQUIRE(rv.shape(0) == 2);
    CHECK(rv(0, 4) == doctest::Approx(v_at(2.0, 4)));
    CHECK(rv(1, 4) == doctest::Approx(v_at(4.0, 4)));
    CHECK(M[vv](1, 4) == doctest::Approx(2 * v_at(4.0, 4) + 1e-3));
    CHECK_THROWS_AS(state_monitor(sub, record(v), indices{3}), std::out_of_range);
}

TEST_CASE("state_monitor: follows a dt set on the group after the monitor was made") {
    neuron_group<ramp> G(1);
    G[slope] = 1;
    state_monitor M(G, record(v));
    G.set_dt(0.2_ms);
    network net(G, M);
    net.run(1_ms);
    // Brian's StateMonitor runs on its source's clock: one record per step of G.
    CHECK(G.clock().step() == 5);
    REQUIRE(M.t().size() == 5);
    CHECK(M.t()(4) == doctest::Approx(0.8e-3));
    CHECK(M[v](0, 4) == doctest::Approx(0.8e-3));
}

TEST_CASE("state_monitor: t(unit)") {
    neuron_group<ramp> G(1);
    state_monitor M(G, record(v));
    network net(G, M);
    net.run(1_ms);
    const auto t_ms = M.t(ms);
    REQUIRE(t_ms.size() == 10);
    for (std::size_t k = 0; k < 10; ++k) CHECK(t_ms(k) == doctest::Approx(0.1 * static_cast<double>(k)));
    CHECK(M.t(us)(3) == doctest::Approx(300.0));
}

TEST_CASE("state_monitor: when(slot::end) records after the reset, stamped t_n (Brian's when='end')") {
    neuron_group<ramp_reset> G(2);
    G[slope].set(std::vector{1.0, 0.5}, dimensionless);
    state_monitor start(G, record(v, vv), indices{0, 1});                               // Brian's default
    state_monitor end(G, record(v, vv), indices{0, 1}, when(slot::end));                // after the resets
    state_monitor after_groups(G, record(v), indices{0}, when::after(slot::groups));    // updated, not reset
    state_monitor before_groups(G, record(v), indices{0}, when::before(slot::groups));  // as start
    state_monitor thresholds(G, record(v), indices{0}, when(slot::thresholds, 5));
    spike_monitor spikes(G);
    network net(G, end, after_groups, start, before_groups, thresholds, spikes);
    net.run(6_ms);  // steps 0..59

    REQUIRE(spikes.num_spikes() == 1);
    REQUIRE(spikes.steps()[0] == 50);
    const auto s = start[v], e = end[v], a = after_groups[v], b = before_groups[v], th = thresholds[v];
    REQUIRE(e.shape(1) == 60);
    // Same times for every slot: the step's t_n.
    CHECK(xt::allclose(start.t(), end.t()));
    CHECK(xt::allclose(start.t(), after_groups.t()));
    for (std::size_t k = 0; k + 1 < 60; ++k) {
        CAPTURE(k);
        // What `end` records at step k is what `start` records at step k + 1.
        CHECK(e(0, k) == s(0, k + 1));
        CHECK(e(1, k) == s(1, k + 1));
        CHECK(end[vv](0, k) == start[vv](0, k + 1));
        CHECK(b(0, k) == s(0, k));
        CHECK(th(0, k) == a(0, k));
    }
    // At the spike step: start 5.0 mV (before the update), after the update 5.1 mV (the
    // value the threshold saw), at the end 0 (reset).
    CHECK(s(0, 50) == doctest::Approx(5.0e-3).epsilon(1e-9));
    CHECK(a(0, 50) == doctest::Approx(5.1e-3).epsilon(1e-9));
    CHECK(e(0, 50) == 0.0);
    CHECK(end[vv](0, 50) == doctest::Approx(1e-3));
    // Without a spike, after the update of step k: the value at t_{k+1}.
    CHECK(a(0, 20) == doctest::Approx(2.1e-3).epsilon(1e-9));
    CHECK(e(1, 20) == doctest::Approx(1.05e-3).epsilon(1e-9));
}

TEST_CASE("state_monitor: when(...) with its own dt, and the order within a slot") {
    neuron_group<ramp> G(1);
    G[slope] = 1.0;
    state_monitor every(G, record(v), indices{0}, 0.5_ms, when(slot::end));
    // In the groups slot with an order below the group's 0: before the update.
    state_monitor first(G, record(v), indices{0}, when(slot::groups, -1));
    state_monitor last(G, record(v), indices{0}, when(slot::groups, 1));
    network net(G, last, first, every);
    net.run(2_ms);
    REQUIRE(every[v].shape(1) == 4);
    for (std::size_t k = 0; k < 4; ++k) {
        CAPTURE(k);
        CHECK(every.t(ms)(k) == doctest::Approx(0.5 * static_cast<double>(k)));
        CHECK(every[v](0, k) == doctest::Approx(v_at(1.0, 5 * k + 1)).epsilon(1e-9));
    }
    for (std::size_t k = 0; k < 20; ++k) {
        CHECK(first[v](0, k) == doctest::Approx(v_at(1.0, k)).epsilon(1e-9));
        CHECK(last[v](0, k) == doctest::Approx(v_at(1.0, k + 1)).epsilon(1e-9));
    }
}
