// Stochastic integrators, checked by statistics over many independent neurons: the
// Ornstein–Uhlenbeck process (additive noise) with euler (Euler–Maruyama), heun and
// milstein; geometric Brownian motion (multiplicative noise) with milstein and heun, both
// Stratonovich as Brian 2's (checked against Brian 2.5.1: its milstein gives the
// Stratonovich mean on GBM); reproducibility of the random streams.
//
// Tolerances are 5 standard errors of the estimate. The random numbers are keyed by
// (seed, object, step, neuron), so each check is deterministic for its seed; to run them
// with other seeds, set BRIAN_NUMERICS_SEED (added to each test's own seed).
#include "numerics.hpp"

#include <cstdlib>
#include <string>
#include <type_traits>

namespace stochastic_tests {

using namespace numerics;

inline constexpr state<"x", dimensionless> x;

constexpr auto tau = 10_ms;
constexpr double sigma = 0.5;  // stationary standard deviation of the OU process
constexpr auto mu = 2_Hz;      // GBM drift
constexpr auto s2 = 1_Hz;      // GBM noise intensity s^2 (s has unit s^-1/2, as xi's inverse)

// dx = -x/tau dt + sigma·sqrt(2/tau) dW: stationary variance sigma^2.
template <class M>
inline constexpr auto ou = neuron_model(equations(d(x) / dt = -x / tau + sigma * sqrt(2 / tau) * xi), M{});
// dx = mu·x dt + s·x dW.
template <class M>
inline constexpr auto gbm = neuron_model(equations(d(x) / dt = mu * x + sqrt(s2) * x * xi), M{});

// The automatic method: euler for additive noise, heun for multiplicative (Brian 2).
template <const auto& Model>
using method_of = typename neuron_group<Model>::method_type;
static_assert(std::is_same_v<method_of<ou<method::automatic_t>>, method::euler_t>);
static_assert(std::is_same_v<method_of<gbm<method::automatic_t>>, method::heun_t>);

/// The seed of a statistical test: `base`, offset by $BRIAN_NUMERICS_SEED when set.
inline std::uint64_t test_seed(std::uint64_t base) {
    const char* offset = std::getenv("BRIAN_NUMERICS_SEED");
    return offset ? base + std::strtoull(offset, nullptr, 10) : base;
}

struct moments {
    double mean = 0, var = 0;  // sample mean and (unbiased) variance
    std::size_t n = 0;
};
template <class Range>
moments moments_of(const Range& values) {
    moments m;
    for (double v : values) m.mean += v, ++m.n;
    m.mean /= static_cast<double>(m.n);
    for (double v : values) m.var += (v - m.mean) * (v - m.mean);
    m.var /= static_cast<double>(m.n - 1);
    return m;
}

constexpr std::size_t N = 20000;
constexpr double z = 5.0;  // tolerance in standard errors

/// OU from x = 0, dt = 0.2 ms, recorded every 5 ms for 40 ms = 4 tau. The variance of the
/// Euler–Maruyama chain x_{n+1} = (1 - a) x_n + sigma·sqrt(2a)·N(0,1), a = dt/tau, is
/// sigma_inf^2 (1 - (1 - a)^{2n}) with sigma_inf^2 = sigma^2 / (1 - a/2) (1 % above
/// sigma^2 here); the continuous process has sigma^2 (1 - exp(-2t/tau)).
template <class M>
void check_ou(std::uint64_t seed_value) {
    seed_value = test_seed(seed_value);
    seed(seed_value);
    neuron_group<ou<M>> G(N);
    G.set_dt(0.2_ms);
    state_monitor monitor(G, record(x), indices{}, 5_ms);
    network net(G, monitor);
    net.run(40_ms);

    const double a = 0.2 / 10.0, var_inf = sigma * sigma / (1 - a / 2);
    const auto values = monitor[x];
    const auto times = monitor.t();
    REQUIRE(times.size() == 8);
    for (std::size_t k = 1; k < times.size(); ++k) {
        const double steps = std::round(times(k) / 0.2e-3);
        const double expected = var_inf * (1 - std::pow(1 - a, 2 * steps));
        const double continuous = sigma * sigma * (1 - std::exp(-2 * times(k) / tau.value()));
        std::vector<double> column(N);
        for (std::size_t e = 0; e < N; ++e) column[e] = values(e, k);
        const auto m = moments_of(column);
        const double se_var = expected * std::sqrt(2.0 / static_cast<double>(N - 1));
        CAPTURE(times(k));
        CHECK(std::abs(m.mean) < z * std::sqrt(expected / N));
        CHECK(std::abs(m.var - expected) < z * se_var);
        CHECK(std::abs(m.var - continuous) < z * se_var);
    }
    // Stationary (t = 40 ms = 4 tau, transient e^-8): the variance is sigma^2.
    const auto last = moments_of(G[x].si_values());
    const double se = sigma * sigma * std::sqrt(2.0 / static_cast<double>(N - 1));
    CHECK(std::abs(last.var - sigma * sigma) < z * se);
    MESSAGE(std::string(M::name) << " OU, seed " << seed_value << ": stationary variance " << last.var
                                 << " (sigma^2 = " << sigma * sigma << ", discrete " << var_inf << ", standard error "
                                 << se << "), mean " << last.mean);
}

TEST_CASE("euler: Ornstein-Uhlenbeck variance (additive noise)") { check_ou<method::euler_t>(20240601); }
TEST_CASE("heun and milstein: Ornstein-Uhlenbeck variance (additive noise)") {
    check_ou<method::heun_t>(20240602);
    check_ou<method::milstein_t>(20240603);
}

/// GBM from x0 = 1 for T = 0.4 s at dt = 1 ms. Itô: E[x(T)] = exp(mu T); Stratonovich:
/// exp((mu + s^2/2) T). The discrete means are (1 + mu dt)^n and (1 + (mu + s^2/2) dt)^n,
/// within 1.3e-3 (relative) of those, a quarter of a standard error.
template <class M>
moments run_gbm(std::uint64_t seed_value) {
    seed(test_seed(seed_value));
    neuron_group<gbm<M>> G(N);
    G.set_dt(1_ms);
    G[x] = 1.0;
    network net(G);
    net.run(0.4_s);
    return moments_of(G[x].si_values());
}

constexpr double T_gbm = 0.4;

TEST_CASE("milstein: mean of geometric Brownian motion (Stratonovich, as Brian 2)") {
    const auto m = run_gbm<method::milstein_t>(20240604);
    const double ito = std::exp(mu.value() * T_gbm);
    const double strat = std::exp((mu.value() + s2.value() / 2) * T_gbm);
    const double se = std::sqrt(m.var / static_cast<double>(m.n));
    CHECK(std::abs(m.mean - strat) < z * se);
    CHECK(std::abs(m.mean - ito) > 10 * se);  // the interpretations are told apart
    // Variance of x(T) = exp(mu T + s W): exp((2 mu + s^2) T)(exp(s^2 T) - 1).
    const double var = std::exp((2 * mu.value() + s2.value()) * T_gbm) * (std::exp(s2.value() * T_gbm) - 1);
    CHECK(m.var == doctest::Approx(var).epsilon(0.2));  // about 5 standard errors (heavy tails)
    MESSAGE("milstein GBM: mean " << m.mean << " (Stratonovich " << strat << ", Ito " << ito << ", standard error "
                                  << se << "), variance " << m.var << " (" << var << ")");
}

TEST_CASE("heun: mean of geometric Brownian motion (Stratonovich)") {
    const auto m = run_gbm<method::heun_t>(20240605);
    const double ito = std::exp(mu.value() * T_gbm);
    const double strat = std::exp((mu.value() + s2.value() / 2) * T_gbm);
    const double se = std::sqrt(m.var / static_cast<double>(m.n));
    CHECK(std::abs(m.mean - strat) < z * se);
    CHECK(std::abs(m.mean - ito) > 10 * se);
    MESSAGE("heun GBM: mean " << m.mean << " (Stratonovich " << strat << ", Ito " << ito << ", standard error " << se
                              << ")");
}

TEST_CASE("random streams: the same seed gives the same results, another seed other results") {
    constexpr std::size_t n = 1000;
    neuron_group<ou<method::euler_t>> G(n);
    network net(G);
    net.store();
    auto run_with = [&](std::uint64_t s) {
        net.restore();
        seed(s);
        net.run(5_ms);
        const auto values = G[x].si_values();
        return std::vector<double>(values.begin(), values.end());
    };
    const auto first = run_with(11);
    const auto again = run_with(11);
    const auto other = run_with(12);
    CHECK(first == again);
    std::size_t equal = 0;
    for (std::size_t k = 0; k < n; ++k) equal += first[k] == other[k];
    CHECK(equal == 0);

    // Neurons draw independent noise: neighbours are uncorrelated.
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t k = 0; k + 1 < n; k += 2) {
        sxy += first[k] * first[k + 1];
        sxx += first[k] * first[k];
        syy += first[k + 1] * first[k + 1];
    }
    CHECK(std::abs(sxy / std::sqrt(sxx * syy)) < z / std::sqrt(n / 2.0));
}

TEST_CASE("random streams: two groups with the same model and seed draw different noise") {
    seed(13);
    neuron_group<ou<method::euler_t>> A(100), B(100);
    network net(A, B);
    net.run(2_ms);
    std::size_t equal = 0;
    for (std::size_t k = 0; k < 100; ++k) equal += A[x][k].value().value() == B[x][k].value().value();
    CHECK(equal == 0);
}

}  // namespace stochastic_tests
