// brian/synapses/poisson_input.hpp: per-step increments are weight x Binomial(N, rate*dt)
// (mean, variance, P(0) within 5 standard errors, in each regime of the sampler;
// neighbours sharing a random block uncorrelated),
// reproducibility with seed(), slice targets, the synapses slot, errors.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace pi_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;

// x is only changed by the input; v integrates it (so the model uses x).
inline constexpr auto target_model = neuron_model(equations(d(v) / dt = x / 1_ms), method::euler);

// The per-step increments of x (in units of the weight) for `steps` steps of a group of
// `m` neurons under poisson_input(N, rate, weight = 0.5 mV).
template <class R>
std::vector<double> increments(std::size_t m, std::uint64_t N, const R& rate, int steps, std::uint64_t s = 3) {
    seed(s);
    neuron_group<target_model> G(m);
    poisson_input P(G, x, N, rate, 0.5_mV);
    network net(G, P);
    std::vector<double> out;
    out.reserve(m * static_cast<std::size_t>(steps));
    double* xs = G.raw<std::remove_cvref_t<decltype(x)>>();
    for (int k = 0; k < steps; ++k) {
        std::fill_n(xs, m, 0.0);
        net.run(0.1_ms);
        for (std::size_t i = 0; i < m; ++i) {
            const double k_real = xs[i] / 0.5e-3, k_int = std::round(k_real);
            REQUIRE(std::abs(k_real - k_int) < 1e-6);  // an integer number of weights
            out.push_back(k_int);
        }
    }
    return out;
}

struct moments {
    double mean, var, m4, p0;
};
inline moments moments_of(const std::vector<double>& k) {
    const double n = static_cast<double>(k.size());
    double mean = 0;
    for (double a : k) mean += a;
    mean /= n;
    double var = 0, m4 = 0, zeros = 0;
    for (double a : k) {
        const double d = a - mean;
        var += d * d;
        m4 += d * d * d * d;
        zeros += a == 0.0;
    }
    return {mean, var / (n - 1), m4 / n, zeros / n};
}

// Mean, variance and P(k = 0) of the samples against Binomial(N, p), each within 5
// standard errors.
inline void check_binomial(const std::vector<double>& k, double N, double p) {
    const double n = static_cast<double>(k.size());
    const double mu = N * p, var = N * p * (1 - p), p0 = std::pow(1 - p, N);
    const auto m = moments_of(k);
    CHECK(std::abs(m.mean - mu) < 5 * std::sqrt(var / n));
    // SE of the sample variance: sqrt((mu4 - var^2) / n), mu4 from the samples.
    CHECK(std::abs(m.var - var) < 5 * std::sqrt(std::max(m.m4 - var * var, 1e-12) / n));
    CHECK(std::abs(m.p0 - p0) < 5 * std::sqrt(std::max(p0 * (1 - p0), 1e-12) / n) + 1e-12);
    for (double a : k) {
        REQUIRE(a >= 0);
        REQUIRE(a <= N);
    }
}

}  // namespace pi_test

using namespace pi_test;

TEST_CASE("poisson_input: Brunel-like drive, mean 2 per step (inversion from 0)") {
    // N = 1000 sources at 20 Hz, dt = 0.1 ms: p = 2e-3, 200 neurons x 500 steps.
    check_binomial(increments(200, 1000, 20_Hz, 500), 1000, 20 * 1e-4);
}

TEST_CASE("poisson_input: neurons that share a Philox block (2p, 2p + 1) draw independently") {
    // The table path takes neuron 2p's uniform and neuron 2p + 1's from one block: their
    // counts must be uncorrelated (Pearson r within 5 standard errors of 0), and each
    // half binomial on its own.
    const std::size_t m = 200;
    const auto k = increments(m, 1000, 20_Hz, 500);
    std::vector<double> even, odd;
    for (std::size_t q = 0; q + 1 < k.size(); q += 2) {
        even.push_back(k[q]);
        odd.push_back(k[q + 1]);
    }
    check_binomial(even, 1000, 20 * 1e-4);
    check_binomial(odd, 1000, 20 * 1e-4);
    const auto a = moments_of(even), b = moments_of(odd);
    double cov = 0;
    for (std::size_t q = 0; q < even.size(); ++q) cov += (even[q] - a.mean) * (odd[q] - b.mean);
    cov /= static_cast<double>(even.size() - 1);
    const double r = cov / std::sqrt(a.var * b.var);
    CHECK(std::abs(r) < 5.0 / std::sqrt(static_cast<double>(even.size())));
}

TEST_CASE("poisson_input: large mean (search from the mode) and p > 1/2") {
    // mean 1000: N = 100000, p = 0.01.
    check_binomial(increments(200, 100000, 100_Hz, 100), 100000, 0.01);
    // p = 0.8: n - Binomial(n, 0.2).
    check_binomial(increments(200, 50, 8000_Hz, 100), 50, 0.8);
    // mean just above the switch (31.5), N small: both tails reachable.
    check_binomial(increments(200, 45, 7000_Hz, 100), 45, 0.7);
    // p = 1: always N; rate 0: always 0.
    for (double a : increments(10, 7, 10000_Hz, 3)) CHECK(a == 7);
    for (double a : increments(10, 7, 0_Hz, 3)) CHECK(a == 0);
}

TEST_CASE("poisson_input: reproducible with seed(), different for another seed") {
    const auto a = increments(50, 1000, 50_Hz, 20, 7);
    const auto b = increments(50, 1000, 50_Hz, 20, 7);
    const auto c = increments(50, 1000, 50_Hz, 20, 8);
    CHECK(a == b);
    CHECK(a != c);
}

TEST_CASE("poisson_input: slice target changes only the slice") {
    seed(4);
    neuron_group<target_model> G(30);
    poisson_input P(G.slice(10, 20), x, 1000, 500_Hz, 1_mV);  // mean 50 per step
    CHECK(P.size() == 10);
    network net(G, P);
    net.run(1_ms);  // 10 steps
    const double* xs = G.raw<std::remove_cvref_t<decltype(x)>>();
    for (std::size_t i = 0; i < 30; ++i) {
        if (i >= 10 && i < 20) {
            CHECK(xs[i] > 0.3);  // ~ 0.5 V = 500 sources x 1 mV
            CHECK(xs[i] < 0.7);
        } else CHECK(xs[i] == 0.0);
    }
}

TEST_CASE("poisson_input: runs in the synapses slot, on the target's clock; errors") {
    seed(1);
    neuron_group<target_model> G(3);
    poisson_input P(G, x, 10, 10_Hz, 1_mV, "drive");
    CHECK((P.slots == in(slot::synapses)));
    CHECK(&P.clock() == &G.clock());
    CHECK(P.name() == "drive");
    CHECK(P.N() == 10);
    CHECK(P.rate() == doctest::Approx(10.0));
    CHECK(P.weight() == doctest::Approx(1e-3));
    P.set_rate(20000_Hz);  // rate * dt = 2 > 1
    network net(G, P);
    CHECK_THROWS_AS(net.run(1_ms), std::invalid_argument);
    CHECK_THROWS_AS(P.set_rate(-1_Hz), std::invalid_argument);
}

namespace pi_test {
inline constexpr auto clamped = neuron_model(equations(d(v) / dt = -v / 20_ms | unless_refractory),
                                             threshold(v > 20_mV), reset(v = 10_mV), refractory(2_ms), method::exact);
inline constexpr auto free_running = neuron_model(equations(d(v) / dt = -v / 20_ms), threshold(v > 20_mV),
                                                  reset(v = 10_mV), refractory(2_ms), method::exact);
}  // namespace pi_test

TEST_CASE("poisson_input: an unless_refractory target is not changed while refractory (as Brian)") {
    // 100 source spikes per step x 0.01 mV: +1 mV per step, except while refractory.
    seed(2);
    neuron_group<clamped> G(5);
    G[v] = 25_mV;  // spikes at step 0, refractory for 20 steps
    poisson_input P(G, v, 1000, 1000_Hz, 0.01_mV);
    static_assert(decltype(P)::conditional_write);
    network net(G, P);
    net.run(1.5_ms);
    for (std::size_t i = 0; i < 5; ++i) CHECK(G[v][i].in(mV) == doctest::Approx(10.0));

    neuron_group<free_running> H(5);
    H[v] = 25_mV;
    poisson_input Q(H, v, 1000, 1000_Hz, 0.01_mV);
    static_assert(!decltype(Q)::conditional_write);
    network net2(H, Q);
    net2.run(1.5_ms);
    for (std::size_t i = 0; i < 5; ++i) CHECK(H[v][i].in(mV) > 15.0);
}

TEST_CASE("poisson_input: the table path (mean 2) leaves refractory targets exactly unchanged") {
    // Two blocks of 256 neurons, every other one refractory for the whole run: the
    // vectorised update adds -0.0 to those (exactly nothing) and the drive to the others.
    seed(4);
    neuron_group<clamped> G(512);
    for (std::size_t i = 0; i < 512; ++i) G[v][i] = (i % 2 == 0 ? 25.0 : 0.0) * mV;
    poisson_input P(G, v, 1000, 20_Hz, 0.1_mV);  // 2 spikes per step on average
    network net(G, P);
    net.run(0.1_ms);  // the even ones spike and are reset
    std::vector<double> after_reset(512);
    for (std::size_t i = 0; i < 512; ++i) after_reset[i] = G[v][i].in(mV);
    net.run(0.9_ms);
    std::size_t driven = 0;
    for (std::size_t i = 0; i < 512; ++i) {
        if (i % 2 == 0) REQUIRE(G[v][i].in(mV) == after_reset[i]);  // bit for bit
        else driven += G[v][i].in(mV) > 0.0;
    }
    CHECK(driven == 256);
}

TEST_CASE("poisson_input: the errors name the input, the value with its unit, and the remedy") {
    using namespace pi_test;
    neuron_group<target_model> G(2);
    poisson_input P(G, x, 10, 10_Hz, 1_mV, "drive");
    auto message = [](auto&& f) -> std::string {
        try {
            f();
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "";
    };
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    auto msg = message([&] { P.set_rate(-1_Hz); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: poisson_input drive got rate -1 Hz"));
    // A weight that is not finite would make the target NaN at the first step.
    msg = message([&] { P.set_weight(nan * mV); });
    CHECK(msg.starts_with("brian: poisson_input drive got weight nan V"));
    CHECK_THROWS_AS(P.set_weight(inf * mV), std::invalid_argument);
    CHECK_THROWS_AS(poisson_input(G, x, 10, 10_Hz, -inf * mV), std::invalid_argument);
    CHECK(P.weight() == doctest::Approx(1e-3));  // unchanged by the rejected values
    CHECK_NOTHROW(P.set_weight(-2_mV));          // negative weights are fine (inhibition)
    // rate * dt > 1: names the rate and dt.
    P.set_rate(20_kHz);
    network net(G, P);
    msg = message([&] { net.run(1_ms); });
    CHECK(msg.find("20 kHz") != std::string::npos);
    CHECK(msg.find("100 us") != std::string::npos);
}
