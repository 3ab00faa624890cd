// brian/groups/timed_array.hpp: 1-D and 2-D lookups (the value of the step containing t,
// exactly at the grid boundaries), clipping at both ends, errors.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr timed_array<"I_1d", amp> I_1d;
inline constexpr timed_array<"I_2d", amp> I_2d;
inline constexpr timed_array<"I_unset", amp> I_unset;
inline constexpr state<"v", volt> v;
inline constexpr subexpression<"I_now", amp> I_now;
inline constexpr subexpression<"I_late", amp> I_late;
inline constexpr subexpression<"I_early", amp> I_early;

// v integrates the array (euler is exact for a right-hand side constant over the step);
// the subexpressions are recorded at the start of each step, i.e. at t_n.
inline constexpr auto reader_1d = neuron_model(
    equations(d(v) / dt = I_now * 1_Mohm / ms, I_now = I_1d(t), I_late = I_1d(t - 2.5_ms), I_early = I_1d(t + 100_ms)),
    method::euler);
inline constexpr auto reader_2d = neuron_model(equations(d(v) / dt = I_now * 1_Mohm / ms, I_now = I_2d(t, i)),
                                               method::euler);
inline constexpr auto reader_unset = neuron_model(equations(d(v) / dt = I_now * 1_Mohm / ms, I_now = I_unset(t)),
                                                  method::euler);
inline constexpr auto reader_2d_shifted = neuron_model(
    equations(d(v) / dt = I_now * 1_Mohm / ms, I_now = I_2d(t, i - 1.0)), method::euler);
inline constexpr timed_array<"rate_2d", hertz> rate_2d;

template <class E, class F>
std::string what_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    } catch (...) {
        return "another exception";
    }
    return "";
}

}  // namespace

TEST_CASE("timed_array: 1-D lookup at step boundaries, clipped at both ends") {
    I_1d.set(std::vector{1.0, 2.0, 3.0}, nA, 1_ms);  // [0,1) ms: 1 nA, [1,2): 2 nA, [2,3): 3 nA
    neuron_group<reader_1d> G(1);
    state_monitor M(G, record(I_now, I_late, I_early));
    network net(G, M);
    net.run(4_ms);  // 40 steps; from 3 ms on, the last value
    const auto now = M.values(I_now, nA);
    const auto late = M.values(I_late, nA);
    const auto early = M.values(I_early, nA);
    REQUIRE(now.shape(1) == 40);
    for (std::size_t s = 0; s < 40; ++s) {
        CAPTURE(s);
        const double expect = s < 10 ? 1.0 : s < 20 ? 2.0 : 3.0;
        CHECK(now(0, s) == doctest::Approx(expect));
        // t - 2.5 ms is negative before step 25: the first value.
        const double expect_late = s < 35 ? 1.0 : 2.0;
        CHECK(late(0, s) == doctest::Approx(expect_late));
        CHECK(early(0, s) == doctest::Approx(3.0));  // beyond the end: the last value
    }
    // The equation sees the same values: v = Σ I·1 Mohm·dt/ms = (10·1 + 10·2 + 20·3)·0.1 mV.
    CHECK(G[v][0].in(mV) == doctest::Approx(9.0));
}

TEST_CASE("timed_array: a coarse grid relative to dt and a grid finer than dt") {
    SUBCASE("grid 0.3 ms, dt 0.1 ms") {
        I_1d.set(std::vector{0.0, 1.0, 2.0, 3.0}, nA, 0.3_ms);
        neuron_group<reader_1d> G(1);
        state_monitor M(G, record(I_now));
        network net(G, M);
        net.run(1.5_ms);
        const auto now = M.values(I_now, nA);
        for (std::size_t s = 0; s < 15; ++s) {
            CAPTURE(s);
            CHECK(now(0, s) == doctest::Approx(std::min(3.0, static_cast<double>(s / 3))));
        }
    }
    SUBCASE("grid 0.05 ms, dt 0.1 ms: every other value") {
        I_1d.set(std::vector{0.0, 1.0, 2.0, 3.0, 4.0, 5.0}, nA, 0.05_ms);
        neuron_group<reader_1d> G(1);
        state_monitor M(G, record(I_now));
        network net(G, M);
        net.run(0.4_ms);
        const auto now = M.values(I_now, nA);
        CHECK(now(0, 0) == doctest::Approx(0.0));
        CHECK(now(0, 1) == doctest::Approx(2.0));
        CHECK(now(0, 2) == doctest::Approx(4.0));
        CHECK(now(0, 3) == doctest::Approx(5.0));
    }
}

TEST_CASE("timed_array: 2-D lookup, a column per neuron") {
    // 3 rows of 1 ms, 2 columns: row-major [time][neuron].
    I_2d.set(std::vector{1.0, 10.0, 2.0, 20.0, 3.0, 30.0}, 3, 2, nA, 1_ms);
    neuron_group<reader_2d> G(2);
    state_monitor M(G, record(I_now));
    network net(G, M);
    net.run(3.5_ms);
    const auto now = M.values(I_now, nA);
    REQUIRE(now.shape(0) == 2);
    REQUIRE(now.shape(1) == 35);
    for (std::size_t s = 0; s < 35; ++s) {
        CAPTURE(s);
        const double row = s < 10 ? 1.0 : s < 20 ? 2.0 : 3.0;
        CHECK(now(0, s) == doctest::Approx(row));
        CHECK(now(1, s) == doctest::Approx(10 * row));
    }
    CHECK_THROWS_AS(I_2d.set(std::vector{1.0, 2.0, 3.0}, 2, 2, nA, 1_ms), std::invalid_argument);
}

TEST_CASE("timed_array: errors") {
    CHECK_THROWS_AS(I_1d.set(std::vector<double>{}, nA, 1_ms), std::invalid_argument);
    CHECK_THROWS_AS(I_1d.set(std::vector{1.0}, nA, 0_ms), std::invalid_argument);
    CHECK_THROWS_AS(I_1d.set(std::vector{1.0}, nA, -1_ms), std::invalid_argument);
    // Never set: running a model that reads it throws, naming the array.
    neuron_group<reader_unset> G(1);
    network net(G);
    CHECK_THROWS_AS(net.run(1_ms), std::logic_error);
    std::string msg;
    try {
        net.run(1_ms);
    } catch (const std::logic_error& e) {
        msg = e.what();
    }
    CHECK(msg.find("brian:") == 0);
    CHECK(msg.find("I_unset") != std::string::npos);
}

TEST_CASE("timed_array: a 2-D array with fewer columns than the group reading it is an error") {
    I_2d.set(std::vector{1.0, 10.0, 2.0, 20.0}, 2, 2, nA, 1_ms);  // 2 columns
    neuron_group<reader_2d> G(3, "three");
    network net(G);
    const auto msg = what_of<std::out_of_range>([&] { net.run(1_ms); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: timed_array I_2d has 2 columns"));
    CHECK(msg.find("element 2 of 3") != std::string::npos);
    // An index expression outside the columns: the column is named.
    neuron_group<reader_2d_shifted> H(2);
    network net_h(H);
    const auto msg_h = what_of<std::out_of_range>([&] { net_h.run(1_ms); });
    CAPTURE(msg_h);
    CHECK(msg_h.find("column -1") != std::string::npos);
    // As many columns as neurons: fine.
    neuron_group<reader_2d> ok(2);
    network net_ok(ok);
    CHECK_NOTHROW(net_ok.run(1_ms));
}

TEST_CASE("timed_array: a group that reads a 2-D array by i checks its columns before the run") {
    rate_2d.set(std::vector{10.0, 20.0}, 1, 2, Hz, 1_ms);  // 2 columns
    poisson_group P(3, rate_2d(t, i), "inputs");
    network net(P);
    const auto msg = what_of<std::out_of_range>([&] { net.run(1_ms); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: timed_array rate_2d has 2 columns"));
    CHECK(msg.find("inputs") != std::string::npos);
    CHECK(msg.find("3 elements") != std::string::npos);
    rate_2d.set(std::vector{10.0, 20.0, 30.0}, 1, 3, Hz, 1_ms);
    CHECK_NOTHROW(net.run(1_ms));
}

TEST_CASE("timed_array: an infinite dt is an error; a grid far finer than t stays in range") {
    CHECK_THROWS_AS(I_1d.set(std::vector{1.0}, nA, std::numeric_limits<double>::infinity() * second),
                    std::invalid_argument);
    CHECK_THROWS_AS(I_1d.set(std::vector{1.0}, nA, std::numeric_limits<double>::quiet_NaN() * second),
                    std::invalid_argument);
    // t / (grid step) beyond 64 bits: past the end, so the last value (it was the first).
    I_1d.set(std::vector{1.0, 2.0, 3.0}, nA, 1e-300 * second);
    neuron_group<reader_1d> G(1);
    state_monitor M(G, record(I_now));
    network net(G, M);
    net.run(0.3_ms);
    const auto now = M.values(I_now, nA);
    CHECK(now(0, 0) == doctest::Approx(1.0));  // t = 0: the first value
    CHECK(now(0, 1) == doctest::Approx(3.0));
    CHECK(now(0, 2) == doctest::Approx(3.0));
}
