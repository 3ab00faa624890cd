// brian/groups/spike_generator_group.hpp: spikes in step floor(t/dt + 0.001), periods,
// set_spikes between runs, and every documented error.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

using spike_list = std::vector<std::pair<std::int64_t, std::int32_t>>;

template <class M>
spike_list spikes_of(const M& m) {
    spike_list out;
    const auto idx = m.i();
    for (std::size_t k = 0; k < m.num_spikes(); ++k) out.emplace_back(m.steps()[k], idx(k));
    return out;
}

using brian_test::what_of;

}  // namespace

TEST_CASE("spike_generator_group: exact steps, sorted by time then index") {
    // 0.3 ms / 0.1 ms is 2.9999999999999996 in doubles: Brian's +0.001 puts it in step 3.
    spike_generator_group S(3, {2, 0, 1, 0, 2}, {1.0, 0.3, 0.7, 1.1, 0.3}, ms);
    CHECK(S.size() == 3);
    CHECK(S.name() == "spikegeneratorgroup");
    spike_monitor m(S);
    network net(S, m);
    net.run(2_ms);
    const spike_list want{{3, 0}, {3, 2}, {7, 1}, {10, 2}, {11, 0}};
    CHECK(spikes_of(m) == want);
    CHECK(m.t(ms)(0) == doctest::Approx(0.3));
}

TEST_CASE("spike_generator_group: times given in seconds and a coarser dt") {
    spike_generator_group S(2, {0, 1}, {0.0015, 0.0042}, second);
    S.set_dt(0.5_ms);
    spike_monitor m(S);
    network net(S, m);
    net.run(5_ms);
    const spike_list want{{3, 0}, {8, 1}};  // floor(3.0 + 0.001), floor(8.4 + 0.001)
    CHECK(spikes_of(m) == want);
    CHECK(m.t(ms)(1) == doctest::Approx(4.0));
}

TEST_CASE("spike_generator_group: spikes after the end wait for the next run; earlier ones are skipped") {
    spike_generator_group S(1, {0, 0}, {0.5, 1.5}, ms);
    spike_monitor m(S);
    network net(S, m);
    net.run(1_ms);
    CHECK(spikes_of(m) == spike_list{{5, 0}});
    net.run(1_ms);
    CHECK(spikes_of(m) == spike_list{{5, 0}, {15, 0}});
    // Replaced between runs: spikes before the current time (2 ms) are skipped.
    S.set_spikes({0, 0}, {1e-3, 2.5e-3}, 0_ms);
    net.run(1_ms);
    CHECK(spikes_of(m) == spike_list{{5, 0}, {15, 0}, {25, 0}});
}

TEST_CASE("spike_generator_group: a period repeats the pattern") {
    spike_generator_group S(2, {0, 1}, {1.0, 2.5}, ms, 5_ms);
    spike_monitor m(S);
    network net(S, m);
    net.run(12_ms);
    const spike_list want{{10, 0}, {25, 1}, {60, 0}, {75, 1}, {110, 0}};
    CHECK(spikes_of(m) == want);
    net.run(5_ms);  // continues with the period
    CHECK(spikes_of(m).back() == std::pair<std::int64_t, std::int32_t>{160, 0});
    CHECK(m.num_spikes() == 7);
}

TEST_CASE("spike_generator_group: errors") {
    SUBCASE("unequal lengths") {
        CHECK_THROWS_AS(spike_generator_group(2, {0, 1}, {1.0}, ms), std::invalid_argument);
        CHECK(what_of([] { spike_generator_group(2, {0}, {1.0, 2.0}, ms); }).starts_with("brian:"));
    }
    SUBCASE("negative time") { CHECK_THROWS_AS(spike_generator_group(2, {0}, {-1.0}, ms), std::invalid_argument); }
    SUBCASE("index out of range") {
        CHECK_THROWS_AS(spike_generator_group(2, {2}, {1.0}, ms), std::out_of_range);
        CHECK_THROWS_AS(spike_generator_group(2, {-1}, {1.0}, ms), std::out_of_range);
        CHECK(what_of([] { spike_generator_group(2, {5}, {1.0}, ms); }).find("[0, 2)") != std::string::npos);
    }
    SUBCASE("time not shorter than the period") {
        CHECK_THROWS_AS(spike_generator_group(1, {0}, {5.0}, ms, 5_ms), std::invalid_argument);
        CHECK_THROWS_AS(spike_generator_group(1, {0}, {6.0}, ms, 5_ms), std::invalid_argument);
        CHECK_NOTHROW(spike_generator_group(1, {0}, {4.9}, ms, 5_ms));
    }
    SUBCASE("two spikes of one neuron in one step: at the run") {
        spike_generator_group S(2, {0, 1, 0}, {1.0, 1.0, 1.05}, ms);
        network net(S);
        CHECK_THROWS_AS(net.run(1_ms), std::invalid_argument);
        const auto msg = what_of([&] { net.run(1_ms); });
        CHECK(msg.starts_with("brian:"));
        CHECK(msg.find("neuron 0") != std::string::npos);
        // Two neurons in one step are fine.
        spike_generator_group ok(2, {0, 1}, {1.0, 1.0}, ms);
        network net_ok(ok);
        CHECK_NOTHROW(net_ok.run(1_ms));
    }
    SUBCASE("a period that is not a multiple of dt, or shorter than dt") {
        spike_generator_group S(1, {0}, {0.0}, ms, 0.25_ms);
        network net(S);
        CHECK_THROWS_AS(net.run(1_ms), std::invalid_argument);
        spike_generator_group T(1, {0}, {0.0}, ms, 0.05_ms);
        network net_t(T);
        CHECK_THROWS_AS(net_t.run(1_ms), std::invalid_argument);
    }
}

TEST_CASE("spike_generator_group: NaN or infinite times and periods are errors") {
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    auto msg = what_of([&] { spike_generator_group(2, {0, 1}, {1.0, nan}, ms); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian:"));
    CHECK(msg.find("spike 1") != std::string::npos);
    CHECK(msg.find("nan") != std::string::npos);
    CHECK_THROWS_AS(spike_generator_group(2, {0}, {inf}, ms), std::invalid_argument);
    CHECK_THROWS_AS(spike_generator_group(2, {0}, {-inf}, ms), std::invalid_argument);
    using time_q = spike_generator_group::time_q;
    CHECK_THROWS_AS(spike_generator_group(2, {0}, {1.0}, ms, time_q::from_value(nan)), std::invalid_argument);
    CHECK_THROWS_AS(spike_generator_group(2, {0}, {1.0}, ms, time_q::from_value(inf)), std::invalid_argument);
    msg = what_of([&] { spike_generator_group(2, {0}, {1.0}, ms, time_q::from_value(nan)); });
    CHECK(msg.find("period") != std::string::npos);
    // set_spikes checks the same.
    spike_generator_group S(2, {0}, {1.0}, ms);
    CHECK_THROWS_AS(S.set_spikes({1}, {nan}, time_q::from_value(0.0)), std::invalid_argument);
}

TEST_CASE("spike_generator_group: a time or period whose step does not fit 64 bits is an error at the run") {
    spike_generator_group S(1, {0}, {1e300}, second, 0_ms, "far");
    network net(S);
    const auto msg = what_of([&] { net.run(1_ms); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: far: "));
    CHECK(msg.find("100 us") != std::string::npos);
    CHECK_THROWS_AS(net.run(1_ms), std::invalid_argument);
    // Far in the future but representable: no spike, no error.
    spike_generator_group T(1, {0}, {1e9}, second);
    network net_t(T);
    CHECK_NOTHROW(net_t.run(1_ms));
}
