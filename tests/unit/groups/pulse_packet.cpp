// brian/groups/spike_generator_group.hpp, pulse_packet (Brian 1's PulsePacket): one spike
// per neuron, times normal around t, within sampling error; reproducible with seed().
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

/// The spike times (s) of a packet, run until every spike is out, indexed by neuron.
std::vector<double> packet_times(spike_generator_group& P, units::quantity<boost::units::si::time> until) {
    P.set_dt(0.01_ms);
    spike_monitor m(P);
    network net(P, m);
    net.run(until);
    std::vector<double> out(P.size(), -1.0);
    const auto idx = m.i();
    const auto t = m.t();
    for (std::size_t k = 0; k < m.num_spikes(); ++k) out[static_cast<std::size_t>(idx(k))] = t(k);
    return out;
}

}  // namespace

TEST_CASE("pulse_packet: n spikes, one per neuron, normal around t within sampling error") {
    seed(11);
    constexpr std::size_t n = 4000;
    constexpr double t0 = 20e-3, sigma = 2e-3, step = 1e-5;
    auto P = pulse_packet(20_ms, n, 2_ms);
    REQUIRE(P.size() == n);
    const auto times = packet_times(P, 40_ms);
    double sum = 0, sum2 = 0;
    std::size_t within_one = 0;
    for (double s : times) {
        REQUIRE(s >= 0.0);  // every neuron spiked
        sum += s;
        sum2 += s * s;
    }
    const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
    // A time falls in the step that contains it: stamped on average dt/2 early, with an
    // added variance dt²/12.
    const double want_mean = t0 - step / 2, want_sd = std::sqrt(sigma * sigma + step * step / 12);
    CHECK(std::abs(mean - want_mean) < 4 * sigma / std::sqrt(double(n)));
    CHECK(std::abs(sd - want_sd) < 4 * sigma / std::sqrt(2.0 * n));
    for (double s : times) within_one += std::abs(s + step / 2 - t0) < sigma;
    const double p = 0.682689492;  // P(|z| < 1)
    CHECK(std::abs(double(within_one) / n - p) < 4 * std::sqrt(p * (1 - p) / n));
}

TEST_CASE("pulse_packet: the same seed gives the same packet, another seed another") {
    auto draw = [](std::uint64_t s) {
        seed(s);
        auto P = pulse_packet(10_ms, 50, 1_ms);
        return packet_times(P, 20_ms);
    };
    const auto a = draw(3), b = draw(3), c = draw(4);
    CHECK(a == b);
    CHECK(a != c);
}

TEST_CASE("pulse_packet: draws before 0 fire at 0; sigma 0 is a synchronous volley; errors") {
    seed(5);
    auto early = pulse_packet(0.5_ms, 200, 1_ms);
    const auto times = packet_times(early, 6_ms);
    std::size_t at_zero = 0;
    for (double s : times) {
        REQUIRE(s >= 0.0);
        at_zero += s == 0.0;
    }
    // P(t < 0) = P(z < -0.5) = 0.31: about 62 of 200.
    CHECK(at_zero > 30);
    CHECK(at_zero < 95);

    auto volley = pulse_packet(3_ms, 10, 0_ms);
    for (double s : packet_times(volley, 5_ms)) CHECK(s == doctest::Approx(3e-3));

    CHECK_THROWS_AS(pulse_packet(1_ms, 10, -1_ms), std::invalid_argument);
}
