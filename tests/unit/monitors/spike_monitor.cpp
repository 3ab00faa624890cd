// brian/monitors/spike_monitor.hpp: indices, times (s, a unit, steps), counts, spike
// trains, values of variables at the spike; spike_counter.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <type_traits>
#include <vector>

#include <xtensor/xadapt.hpp>
#include <xtensor/xmath.hpp>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"slope", dimensionless> slope;

// A ramp of `slope` V/s (0.1 mV per step for slope 1) reset to 0 above 5.05 mV: spikes
// at steps 50 + 51 m with v = 5.1 mV at the spike.
inline constexpr auto ramp = neuron_model(equations(d(v) / dt = slope * volt / second), threshold(v > 5.05_mV),
                                          reset(v = 0_mV), method::euler);

}  // namespace

TEST_CASE("spike_monitor: indices, times, counts and spike trains of known spikes") {
    spike_generator_group S(4, {1, 3, 1, 0, 3}, {0.5, 0.5, 1.2, 2.0, 3.3}, ms);
    spike_monitor m(S);
    CHECK(m.num_spikes() == 0);
    network net(S, m);
    net.run(5_ms);

    REQUIRE(m.num_spikes() == 5);
    const auto idx = m.i();
    const std::vector<std::int32_t> want_i{1, 3, 1, 0, 3};
    for (std::size_t k = 0; k < 5; ++k) CHECK(idx(k) == want_i[k]);
    const std::vector<std::int64_t> want_steps{5, 5, 12, 20, 33};
    CHECK(m.steps() == xt::adapt(want_steps));

    const auto t_s = m.t();
    const auto t_ms = m.t(ms);
    const auto t_us = m.t(us);
    const std::vector<double> want_ms{0.5, 0.5, 1.2, 2.0, 3.3};
    for (std::size_t k = 0; k < 5; ++k) {
        CHECK(t_s(k) == doctest::Approx(want_ms[k] * 1e-3));
        CHECK(t_ms(k) == doctest::Approx(want_ms[k]));
        CHECK(t_us(k) == doctest::Approx(want_ms[k] * 1e3));
    }

    const auto c = m.count();
    REQUIRE(c.size() == 4);
    CHECK(c(0) == 1);
    CHECK(c(1) == 2);
    CHECK(c(2) == 0);
    CHECK(c(3) == 2);

    const auto trains = m.spike_trains();
    REQUIRE(trains.size() == 4);
    CHECK(trains[0].size() == 1);
    REQUIRE(trains[1].size() == 2);
    CHECK(trains[1](0) == doctest::Approx(0.5e-3));
    CHECK(trains[1](1) == doctest::Approx(1.2e-3));
    CHECK(trains[2].size() == 0);
    REQUIRE(trains[3].size() == 2);
    CHECK(trains[3](1) == doctest::Approx(3.3e-3));

    // A second run appends.
    net.run(1_ms);
    CHECK(m.num_spikes() == 5);
    CHECK(m.count()(1) == 2);
}

TEST_CASE("spike_monitor: times use the source's dt") {
    spike_generator_group S(1, {0, 0}, {1.0, 3.0}, ms);
    S.set_dt(0.5_ms);
    spike_monitor m(S);
    network net(S, m);
    net.run(4_ms);
    const std::vector<std::int64_t> want{2, 6};
    CHECK(m.steps() == xt::adapt(want));
    CHECK(m.t(ms)(1) == doctest::Approx(3.0));
}

TEST_CASE("spike_monitor: values of variables at the spike (before the reset)") {
    neuron_group<ramp> G(3);
    G[slope].set(std::vector{1.0, 0.0, 2.0}, dimensionless);
    spike_monitor m(G, record(v, slope));
    spike_monitor plain(G);
    network net(G, m, plain);
    net.run(10.5_ms);  // steps 0..104
    // Neuron 0: spikes at 50 and 101; neuron 2 (0.2 mV per step): from 0, v > 5.05 mV after
    // 26 updates: steps 25, 51, 77, 103 with v = 5.2 mV.
    const std::vector<std::int64_t> want_steps{25, 50, 51, 77, 101, 103};
    CHECK(m.steps() == xt::adapt(want_steps));
    const std::vector<std::int32_t> want_i{2, 0, 2, 2, 0, 2};
    const auto idx = m.i();
    const auto vs = m.values(v);
    const auto slopes = m.values(slope);
    REQUIRE(vs.size() == 6);
    REQUIRE(slopes.size() == 6);
    for (std::size_t k = 0; k < 6; ++k) {
        CAPTURE(k);
        CHECK(idx(k) == want_i[k]);
        CHECK(vs(k) == doctest::Approx(want_i[k] == 0 ? 5.1e-3 : 5.2e-3).epsilon(1e-9));
        CHECK(slopes(k) == (want_i[k] == 0 ? 1.0 : 2.0));
    }
    // Same spikes with or without recorded values.
    CHECK(plain.steps() == m.steps());
}

TEST_CASE("spike_monitor: no spikes") {
    neuron_group<ramp> G(2);
    // record(v, slope) as above: with record(v) alone, GCC 12 at -O3 folds values(v) of the
    // two monitor types together and warns (-Warray-bounds, a false positive).
    spike_monitor m(G, record(v, slope));
    network net(G, m);
    net.run(1_ms);
    CHECK(m.num_spikes() == 0);
    CHECK(m.i().size() == 0);
    CHECK(m.t().size() == 0);
    CHECK(m.values(v).size() == 0);
    const auto c = m.count();
    REQUIRE(c.size() == 2);
    CHECK(c(0) == 0);
    CHECK(m.spike_trains().size() == 2);
}

TEST_CASE("spike_monitor: steps() is an xtensor, as t() and i()") {
    spike_generator_group S(3, {2, 0, 1}, {0.5, 1.2, 2.0}, ms);
    spike_monitor m(S);
    network net(S, m);
    net.run(3_ms);
    static_assert(xt::is_xexpression<std::remove_cvref_t<decltype(m.steps())>>::value);
    static_assert(std::is_same_v<typename std::remove_cvref_t<decltype(m.steps())>::value_type, std::int64_t>);
    REQUIRE(m.steps().size() == 3);
    // Element-wise arithmetic, as with t() and i(): steps · dt are the times.
    const xt::xtensor<double, 1> times = m.steps() * 1e-4;
    CHECK(xt::allclose(times, m.t()));
    // A copy, and a view of the monitor's storage: two calls iterate over the same elements.
    const xt::xtensor<std::int64_t, 1> copy = m.steps();
    const std::vector<std::int64_t> as_vector(m.steps().begin(), m.steps().end());
    CHECK(as_vector == std::vector<std::int64_t>{5, 12, 20});
    CHECK(copy(2) == 20);
    CHECK(m.steps()[1] == 12);
    CHECK(m.steps().front() == 5);
}

TEST_CASE("spike_counter: counts per neuron without storing spikes, reset between trials") {
    spike_generator_group S(4, {1, 3, 1, 0, 3, 3}, {0.5, 0.5, 1.2, 2.0, 3.3, 4.5}, ms);
    spike_counter counter(S);
    spike_monitor m(S);
    network net(S, counter, m);
    CHECK(counter.num_spikes() == 0);
    net.run(3_ms);
    // The same counts as the monitor's.
    const auto c = counter.count();
    REQUIRE(c.size() == 4);
    CHECK(c == m.count());
    CHECK(counter[1] == 2);
    CHECK(counter[2] == 0);
    CHECK(counter.num_spikes() == 4);
    CHECK_THROWS_AS((void)counter[4], std::out_of_range);

    counter.reset();
    CHECK(counter.num_spikes() == 0);
    CHECK(xt::all(xt::equal(counter.count(), 0)));
    net.run(2_ms);  // spikes at 3.3 and 4.5 ms, both of neuron 3
    CHECK(counter[3] == 2);
    CHECK(counter[1] == 0);
    CHECK(counter.num_spikes() == 2);
    CHECK(m.count()(3) == 3);  // the monitor keeps everything
}

TEST_CASE("spike_counter: on a slice, indices relative to it; a neuron group with a threshold") {
    neuron_group<ramp> G(4);
    G[slope].set(std::vector{1.0, 0.0, 2.0, 1.0}, dimensionless);
    auto part = G.slice(2, 4);
    spike_counter counter(part);
    spike_counter all(G);
    network net(G, counter, all);
    net.run(10.5_ms);  // neuron 0 and 3: 2 spikes (steps 50, 101); neuron 2: 4 (25, 51, 77, 103)
    CHECK(counter.count().size() == 2);
    CHECK(counter[0] == 4);
    CHECK(counter[1] == 2);
    CHECK(all[0] == 2);
    CHECK(all[1] == 0);
    CHECK(all.num_spikes() == 8);
}
