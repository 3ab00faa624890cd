// brian/groups/poisson_group.hpp: constant, per-neuron and expression rates (mean rates
// within a few standard deviations of the Poisson count), Brian's rand() < rate·dt rule,
// reproducibility with seed().
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

/// |count - expected| within `k` standard deviations of a Poisson count.
bool poisson_close(double count, double expected, double k = 5.0) {
    return std::abs(count - expected) <= k * std::sqrt(expected);
}

}  // namespace

TEST_CASE("poisson_group: constant rate") {
    seed(11);
    poisson_group P(1000, 50_Hz);
    CHECK(P.size() == 1000);
    CHECK(P.name() == "poissongroup");
    spike_monitor spikes(P);
    network net(P, spikes);
    net.run(200_ms);
    const double n = static_cast<double>(spikes.num_spikes());
    CAPTURE(n);
    CHECK(poisson_close(n, 1000 * 50 * 0.2));  // 10000 ± 500
    // No neuron spikes twice in a step, every index is valid.
    const auto c = spikes.count();
    REQUIRE(c.size() == 1000);
    const auto idx = spikes.i();
    for (std::size_t k = 0; k < idx.size(); ++k) CHECK((idx(k) >= 0 && idx(k) < 1000));
    const auto& steps = spikes.steps();
    for (std::size_t k = 1; k < steps.size(); ++k)
        if (steps[k] == steps[k - 1]) CHECK(idx(k) > idx(k - 1));
}

TEST_CASE("poisson_group: rate·dt >= 1 spikes every step, rate 0 never") {
    poisson_group all(3, 10_kHz);  // rate·dt = 1 with dt = 0.1 ms
    poisson_group none(3, 0_Hz);
    spike_monitor s_all(all);
    spike_monitor s_none(none);
    network net(all, none, s_all, s_none);
    net.run(2_ms);
    CHECK(s_all.num_spikes() == 3 * 20);
    CHECK(s_none.num_spikes() == 0);
    CHECK(s_all.count()(1) == 20);
}

TEST_CASE("poisson_group: one rate per neuron") {
    seed(12);
    std::vector<double> rates(600, 20.0);
    for (std::size_t k = 300; k < 600; ++k) rates[k] = 100.0;
    poisson_group P(600, rates, Hz);
    spike_monitor spikes(P);
    network net(P, spikes);
    net.run(500_ms);
    const auto c = spikes.count();
    double low = 0, high = 0;
    for (std::size_t k = 0; k < 300; ++k) low += static_cast<double>(c(k));
    for (std::size_t k = 300; k < 600; ++k) high += static_cast<double>(c(k));
    CAPTURE(low);
    CAPTURE(high);
    CHECK(poisson_close(low, 300 * 20 * 0.5));    // 3000
    CHECK(poisson_close(high, 300 * 100 * 0.5));  // 15000

    CHECK_THROWS_AS(poisson_group(3, std::vector{1.0, 2.0}, Hz), std::invalid_argument);
}

TEST_CASE("poisson_group: a rate expression of i and of t") {
    seed(13);
    // 100 Hz · i/(N-1) over 101 neurons: neurons 0..49 sum to 1225 Hz, 50..100 to 3825 Hz.
    poisson_group by_index(101, 100_Hz * i / (N - 1));
    // Silent for 50 ms, then 200 Hz.
    poisson_group by_time(200, where(t < 50_ms, 0_Hz, 200_Hz));
    // Brian's example: (1 + sin(2π·5 Hz·t))·20 Hz, mean 20 Hz.
    poisson_group sine(500, (1 + sin(2 * std::numbers::pi * 5_Hz * t)) * 20_Hz);
    spike_monitor s_index(by_index);
    spike_monitor s_time(by_time);
    spike_monitor s_sine(sine);
    network net(by_index, by_time, sine, s_index, s_time, s_sine);
    net.run(1_s);

    const auto c = s_index.count();
    CHECK(c(0) == 0);
    double low = 0, high = 0;
    for (std::size_t k = 0; k < 50; ++k) low += static_cast<double>(c(k));
    for (std::size_t k = 50; k < 101; ++k) high += static_cast<double>(c(k));
    CAPTURE(low);
    CAPTURE(high);
    CHECK(poisson_close(low, 1225));
    CHECK(poisson_close(high, 3825));

    REQUIRE(s_time.num_spikes() > 0);
    CHECK(s_time.steps().front() >= 500);  // t_n < 50 ms: rate 0
    CHECK(poisson_close(static_cast<double>(s_time.num_spikes()), 200 * 200 * 0.95));

    // Per neuron, the first half-period (0-100 ms) expects 2 + 4/π spikes, the second 2 - 4/π.
    double first = 0, second = 0;
    const auto ts = s_sine.t();
    for (std::size_t k = 0; k < ts.size(); ++k) {
        const double phase = std::fmod(ts(k), 0.2);
        (phase < 0.1 ? first : second) += 1;
    }
    CAPTURE(first);
    CAPTURE(second);
    CHECK(poisson_close(first + second, 500 * 20.0));
    CHECK(poisson_close(first, 500 * 5 * (2 + 4 / std::numbers::pi)));
    CHECK(poisson_close(second, 500 * 5 * (2 - 4 / std::numbers::pi)));
}

TEST_CASE("poisson_group: reproducible with seed(), different with another seed") {
    auto spikes_of = [](std::uint64_t s) {
        seed(s);
        poisson_group P(50, 100_Hz);
        spike_monitor m(P);
        network net(P, m);
        net.run(50_ms);
        std::vector<std::pair<std::int64_t, std::int32_t>> out;
        const auto idx = m.i();
        for (std::size_t k = 0; k < m.num_spikes(); ++k) out.emplace_back(m.steps()[k], idx(k));
        return out;
    };
    const auto a = spikes_of(3);
    REQUIRE(a.size() > 100);
    CHECK(a == spikes_of(3));
    CHECK(a != spikes_of(4));
}

TEST_CASE("poisson_group: constant rates drawn ahead are Bernoulli trials per step") {
    // Skip-ahead (geometric gaps) must be the process of one Bernoulli(p) per step: the
    // fraction of gaps of one step is p, the mean gap 1/p, the Fano factor of counts
    // (1 - p), and no two spikes of a neuron fall in one step.
    seed(5);
    const double p = 0.2;  // 2 kHz at dt = 0.1 ms
    poisson_group P(2000, 2_kHz);
    spike_monitor spikes(P);
    network net(P, spikes);
    net.run(50_ms);  // 500 steps
    const auto i = spikes.i();
    const auto t = spikes.t(ms);
    std::vector<double> last(2000, -1.0);
    std::vector<double> counts(2000, 0.0);
    double gaps = 0, gap_sum = 0, gaps_of_one = 0;
    for (std::size_t k = 0; k < i.size(); ++k) {
        const auto n = static_cast<std::size_t>(i(k));
        counts[n] += 1;
        if (last[n] >= 0) {
            const double g = std::round((t(k) - last[n]) / 0.1);
            REQUIRE(g >= 1.0);
            gaps += 1, gap_sum += g, gaps_of_one += g == 1.0;
        }
        last[n] = t(k);
    }
    CHECK(gaps_of_one / gaps == doctest::Approx(p).epsilon(0.03));
    // The gaps seen inside a 500-step window are biased short (a long gap more often
    // crosses the window's end): expected (500·5 - 45)/(500 - 5) = 4.96 against 1/p = 5,
    // and the standard error over about 2·10^5 gaps is 0.01; 2 % covers both.
    CHECK(gap_sum / gaps == doctest::Approx(1.0 / p).epsilon(0.02));
    double mean = 0, var = 0;
    for (double c : counts) mean += c / 2000.0;
    for (double c : counts) var += (c - mean) * (c - mean) / 1999.0;
    CHECK(mean == doctest::Approx(500 * p).epsilon(0.01));
    CHECK(var / mean == doctest::Approx(1.0 - p).epsilon(0.08));
}

TEST_CASE("poisson_group: the drawn-ahead schedule survives store/restore and repeated runs") {
    seed(9);
    poisson_group P(50, 300_Hz);
    spike_monitor spikes(P);
    network net(P, spikes);
    net.run(5_ms);
    net.store();
    net.run(5_ms);
    const auto first = spikes.num_spikes();
    net.restore();
    net.run(5_ms);
    CHECK(spikes.num_spikes() == first);
}

namespace {

/// The message of the std::invalid_argument that `f` throws ("" if none, or another type).
template <class F>
std::string invalid_argument_of(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    } catch (...) {
        return "another exception";
    }
    return "";
}

bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("poisson_group: negative, NaN or infinite constant rates are errors at construction") {
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    auto msg = invalid_argument_of([] { poisson_group P(3, -5_Hz, "P_neg"); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: P_neg: "));
    CHECK(has(msg, "-5 Hz"));
    CHECK(has(msg, "finite and >= 0"));
    CHECK(has(invalid_argument_of([&] { poisson_group P(3, nan * Hz); }), "nan Hz"));
    CHECK(has(invalid_argument_of([&] { poisson_group P(3, inf * Hz); }), "inf Hz"));
    // One rate per neuron: the first bad one is named.
    msg = invalid_argument_of([&] { poisson_group P(3, std::vector{5.0, 10.0, -1.0}, Hz, "P_vec"); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: P_vec: "));
    CHECK(has(msg, "neuron 2"));
    CHECK(has(invalid_argument_of([&] { poisson_group P(2, std::vector{nan, 1.0}, Hz); }), "neuron 0"));
}

TEST_CASE("poisson_group: rate·dt > 1 is an error at the run (a neuron spikes at most once per step)") {
    poisson_group P(3, 20_kHz, "P_fast");  // rate·dt = 2 at dt = 0.1 ms
    network net(P);
    const auto msg = invalid_argument_of([&] { net.run(1_ms); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: P_fast: "));
    CHECK(has(msg, "rate * dt = 2"));
    CHECK(has(msg, "20 kHz"));
    CHECK(has(msg, "100 us"));
    P.set_dt(0.01_ms);  // rate·dt = 0.2
    CHECK_NOTHROW(net.run(1_ms));

    poisson_group Q(2, std::vector{5.0, 15000.0}, Hz, "Q_fast");
    network net_q(Q);
    CHECK(has(invalid_argument_of([&] { net_q.run(1_ms); }), "neuron 1"));
    poisson_group exact(2, 10_kHz);  // rate·dt = 1 (up to rounding): every step
    network net_exact(exact);
    CHECK_NOTHROW(net_exact.run(1_ms));
}

TEST_CASE("poisson_group: a rate expression that turns negative or above 1/dt is an error at that step") {
    SUBCASE("the same rate for all neurons (a function of t)") {
        poisson_group P(4, where(t < 1_ms, 10_Hz, -10_Hz), "P_t");
        spike_monitor m(P);
        network net(P, m);
        const auto msg = invalid_argument_of([&] { net.run(2_ms); });
        CAPTURE(msg);
        CHECK(msg.starts_with("brian: P_t: "));
        CHECK(has(msg, "-10 Hz"));
        CHECK(has(msg, "t = 1 ms"));
    }
    SUBCASE("a rate per neuron (a function of i and t)") {
        poisson_group P(4, (i - 2.0) * 100_Hz * (1 + t / 1_s), "P_i");
        network net(P);
        const auto msg = invalid_argument_of([&] { net.run(1_ms); });
        CAPTURE(msg);
        CHECK(msg.starts_with("brian: P_i: "));
        CHECK(has(msg, "neuron 0"));
        CHECK(has(msg, "-200 Hz"));
    }
    SUBCASE("above 1/dt") {
        poisson_group P(4, where(t < 1_ms, 10_Hz, 50_kHz), "P_high");
        network net(P);
        const auto msg = invalid_argument_of([&] { net.run(2_ms); });
        CAPTURE(msg);
        CHECK(has(msg, "rate * dt = 5"));
        CHECK(has(msg, "t = 1 ms"));
    }
}
