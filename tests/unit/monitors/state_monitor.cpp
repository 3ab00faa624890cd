// brian/monitors/state_monitor.hpp: shape (recorded elements, times), recording at the
// start of the step (the value at t_n), every dt or a multiple, subexpressions, parameters,
// subgroups, errors.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"slope", dimensionless> slope;
inline constexpr subexpression<"vv", volt> vv;

// v grows by slope·0.1 mV per step of 0.1 ms; vv = 2 v + 1 mV.
inline constexpr auto ramp = neuron_model(equations(d(v) / dt = slope * volt / second, vv = 2 * v + 1_mV), method::euler);

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
