// brian/monitors/population_rate_monitor.hpp: rate = spikes / (N dt) per step, and
// Brian's smooth_rate (flat and gaussian windows, numpy's same-size convolution).
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"RI", volt> RI;
inline constexpr auto lif = neuron_model(equations(d(v) / dt = (-70_mV - v + RI) / 20_ms | unless_refractory),
                                         threshold(v > -50_mV), reset(v = -70_mV), refractory(2_ms), method::exact);

// Spikes of 4 neurons: step 0: 2, step 3: 1, step 5: 4 (rates 5, 2.5 and 10 kHz).
const std::vector<double> known_rate{5000, 0, 0, 2500, 0, 10000, 0, 0, 0, 0};

}  // namespace

TEST_CASE("population_rate_monitor: rate = spikes / (N dt) per step") {
    spike_generator_group S(4, {0, 1, 2, 0, 1, 2, 3}, {0.0, 0.0, 0.3, 0.5, 0.5, 0.5, 0.5}, ms);
    population_rate_monitor R(S);
    network net(S, R);
    net.run(1_ms);
    const auto r = R.rate();
    const auto t = R.t();
    REQUIRE(r.size() == 10);
    REQUIRE(t.size() == 10);
    for (std::size_t k = 0; k < 10; ++k) {
        CAPTURE(k);
        CHECK(r(k) == doctest::Approx(known_rate[k]));
        CHECK(t(k) == doctest::Approx(1e-4 * static_cast<double>(k)));
    }
}

TEST_CASE("population_rate_monitor: on a subgroup and with another dt") {
    neuron_group<lif> G(4);
    G[v] = -70_mV;
    G[RI].set(std::vector{10.0, 10.0, 0.0, 0.0}, volt);  // neurons 0, 1: a spike every 20 steps
    auto first_two = G.slice(0, 2);
    auto last_two = G.slice(2, 4);
    population_rate_monitor firing(first_two);
    population_rate_monitor silent(last_two);
    population_rate_monitor whole(G);
    G.set_dt(0.5_ms);
    network net(G, firing, silent, whole);
    net.run(10_ms);  // 20 steps of 0.5 ms; refractory 2 ms = 4 steps
    const auto rf = firing.rate();
    REQUIRE(rf.size() == 20);
    for (std::size_t k = 0; k < 20; ++k) {
        CAPTURE(k);
        const double expect = k % 4 == 0 ? 2 / (2 * 0.5e-3) : 0.0;
        CHECK(rf(k) == doctest::Approx(expect));
        CHECK(whole.rate()(k) == doctest::Approx(expect / 2));
        CHECK(silent.rate()(k) == 0.0);
    }
    CHECK(whole.t()(19) == doctest::Approx(9.5e-3));
}

TEST_CASE("population_rate_monitor: smooth_rate matches a hand-computed convolution") {
    spike_generator_group S(4, {0, 1, 2, 0, 1, 2, 3}, {0.0, 0.0, 0.3, 0.5, 0.5, 0.5, 0.5}, ms);
    population_rate_monitor R(S);
    network net(S, R);
    net.run(1_ms);
    const auto& r = known_rate;

    SUBCASE("flat, 0.5 ms: a box of 5 steps") {
        const auto s = R.smooth_rate(window::flat, 0.5_ms);
        const std::vector<double> want{1000, 1500, 1500, 2500, 2500, 2500, 2000, 2000, 0, 0};
        REQUIRE(s.size() == 10);
        for (std::size_t k = 0; k < 10; ++k) CHECK(s(k) == doctest::Approx(want[k]));
    }
    SUBCASE("flat, 0.3 ms: int(0.3 / 2 / 0.1) = 1, a box of 3 steps") {
        const auto s = R.smooth_rate(window::flat, 0.3_ms);
        const std::vector<double> want{5000, 5000, 2500, 2500, 12500, 10000, 10000, 0, 0, 0};
        for (std::size_t k = 0; k < 10; ++k) CHECK(s(k) == doctest::Approx(want[k] / 3));
    }
    SUBCASE("gaussian, 0.1 ms: exp(-k²/2) for k = -2..2, normalised") {
        const auto s = R.smooth_rate(window::gaussian, 0.1_ms);
        const double g[5] = {std::exp(-2.0), std::exp(-0.5), 1.0, std::exp(-0.5), std::exp(-2.0)};
        const double sum = g[0] + g[1] + g[2] + g[3] + g[4];
        for (int k = 0; k < 10; ++k) {
            double acc = 0;
            for (int j = -2; j <= 2; ++j)
                if (k + j >= 0 && k + j < 10) acc += g[j + 2] * r[static_cast<std::size_t>(k + j)];
            CAPTURE(k);
            CHECK(s(static_cast<std::size_t>(k)) == doctest::Approx(acc / sum));
        }
        // Spot check: at step 5, 10 kHz at the centre and 2.5 kHz two steps back.
        CHECK(s(5) == doctest::Approx((10000 + 2500 * std::exp(-2.0)) / sum));
    }
    SUBCASE("errors") {
        CHECK_THROWS_AS(R.smooth_rate(window::flat, 0_ms), std::invalid_argument);
        CHECK_THROWS_AS(R.smooth_rate(window::gaussian, -1_ms), std::invalid_argument);
    }
}

TEST_CASE("population_rate_monitor: smoothing preserves a constant and the mean of a periodic rate") {
    // One neuron spiking every step: 10 kHz; one every other step: 10 kHz and 0 alternating.
    spike_generator_group every(1, {0}, {0.0}, ms, 0.1_ms);
    spike_generator_group half(1, {0}, {0.0}, ms, 0.2_ms);
    population_rate_monitor r_every(every);
    population_rate_monitor r_half(half);
    network net(every, half, r_every, r_half);
    net.run(10_ms);  // 100 steps
    REQUIRE(r_every.rate().size() == 100);
    CHECK(r_half.rate()(0) == doctest::Approx(10000));
    CHECK(r_half.rate()(1) == 0.0);

    const auto flat = r_every.smooth_rate(window::flat, 1_ms);         // 11 steps
    const auto gauss = r_every.smooth_rate(window::gaussian, 0.5_ms);  // ±10 steps
    for (std::size_t k = 10; k < 90; ++k) {
        CAPTURE(k);
        CHECK(flat(k) == doctest::Approx(10000));
        CHECK(gauss(k) == doctest::Approx(10000));
    }
    // At the ends numpy's "same" convolution sees zeros beyond the recording.
    CHECK(flat(0) == doctest::Approx(10000.0 * 6 / 11));
    CHECK(gauss(0) < 10000 * 0.6);

    const auto hflat = r_half.smooth_rate(window::flat, 0.5_ms);     // 5 steps: 3 or 2 spikes
    const auto hgauss = r_half.smooth_rate(window::gaussian, 1_ms);  // ±20 steps
    // The truncated gaussian (41 steps, an odd number of terms) keeps a small alternation:
    // Σ g_k (-1)^k / Σ g_k of its weights, times the 5 kHz amplitude.
    double g_sum = 0, g_alt = 0;
    for (int k = -20; k <= 20; ++k) {
        const double g = std::exp(-0.5 * (k / 10.0) * (k / 10.0));
        g_sum += g;
        g_alt += (k % 2 == 0 ? g : -g);
    }
    double sum_flat = 0, sum_gauss = 0;
    for (std::size_t k = 20; k < 80; ++k) {
        CAPTURE(k);
        CHECK(hflat(k) == doctest::Approx(k % 2 == 0 ? 6000 : 4000));
        CHECK(hgauss(k) == doctest::Approx(5000 + (k % 2 == 0 ? 5000 : -5000) * g_alt / g_sum));
        sum_flat += hflat(k);
        sum_gauss += hgauss(k);
    }
    CHECK(sum_flat / 60 == doctest::Approx(5000));
    CHECK(sum_gauss / 60 == doctest::Approx(5000));
}
