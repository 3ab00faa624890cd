// brian/library/stdp.hpp: the STDP window of each rule from spike pairs (exact, since the
// traces are event-driven), nearest-spike pairing, and the soft bounds of the
// multiplicative rule.
#include <brian/brian.hpp>
#include <brian/library/stdp.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace stdp_test {

// The rule's `target += w` goes to a per-synapse variable here, so that both sides can
// be spike generators with exactly placed spikes.
inline constexpr parameter<"delivered", dimensionless> delivered;
inline constexpr parameter<"w", dimensionless> w;

constexpr double wmax = 1.0, dA = 0.01;
inline constexpr auto additive = library::stdp_additive(
    delivered, w, library::stdp_parameters<double>{20_ms, 10_ms, dA, -1.05 * dA, wmax});
inline constexpr auto nearest = library::stdp_nearest(
    delivered, w, library::stdp_parameters<double>{20_ms, 10_ms, dA, -1.05 * dA, wmax});
inline constexpr auto multiplicative = library::stdp_multiplicative(
    delivered, w, library::multiplicative_stdp_parameters<double>{20_ms, 10_ms, 0.1, 0.2, wmax});

struct outcome {
    double w, delivered;
};
// The weight after pre spikes at `pre_ms` and post spikes at `post_ms`, starting at w0.
template <class Model>
outcome run_pairs(const Model& model, std::vector<double> pre_ms, std::vector<double> post_ms, double w0) {
    spike_generator_group G(1, std::vector<int>(pre_ms.size(), 0), pre_ms, ms);
    spike_generator_group H(1, std::vector<int>(post_ms.size(), 0), post_ms, ms);
    synapses S(G, H, model, "stdp");
    S.connect();
    S[w] = w0;
    network net(G, H, S);
    double last = 0.0;
    for (double t : pre_ms) last = std::max(last, t);
    for (double t : post_ms) last = std::max(last, t);
    net.run((last + 1.0) * 1_ms);
    return {S[w][0].value().value(), S[delivered][0].value().value()};
}

}  // namespace stdp_test

using namespace stdp_test;

TEST_CASE("library::stdp_additive: the window dApre·exp(-Δt/taupre), dApost·exp(Δt/taupost)") {
    for (double delta : {1.0, 5.0, 13.7, 40.0}) {
        CHECK(run_pairs(additive, {2.0}, {2.0 + delta}, 0.5).w ==
              doctest::Approx(0.5 + dA * std::exp(-delta / 20.0)).epsilon(1e-12));
        CHECK(run_pairs(additive, {2.0 + delta}, {2.0}, 0.5).w ==
              doctest::Approx(0.5 - 1.05 * dA * std::exp(-delta / 10.0)).epsilon(1e-12));
    }
    // All pairs add up; the weight is delivered at each pre spike (before its own change).
    const auto two = run_pairs(additive, {0.0, 5.0}, {10.0}, 0.5);
    CHECK(two.w == doctest::Approx(0.5 + dA * (std::exp(-10.0 / 20.0) + std::exp(-5.0 / 20.0))).epsilon(1e-12));
    CHECK(two.delivered == doctest::Approx(1.0));
    // Hard bounds.
    CHECK(run_pairs(additive, {2.0}, {3.0}, wmax).w == wmax);
    CHECK(run_pairs(additive, {3.0}, {2.5}, 0.001).w == 0.0);
}

TEST_CASE("library::stdp_nearest: each spike pairs with the latest of the other side only") {
    const auto near = run_pairs(nearest, {0.0, 5.0}, {10.0}, 0.5);
    CHECK(near.w == doctest::Approx(0.5 + dA * std::exp(-5.0 / 20.0)).epsilon(1e-12));
    const auto dep = run_pairs(nearest, {10.0}, {0.0, 4.0}, 0.5);
    CHECK(dep.w == doctest::Approx(0.5 - 1.05 * dA * std::exp(-6.0 / 10.0)).epsilon(1e-12));
    // A single pair is the additive window.
    CHECK(run_pairs(nearest, {1.0}, {8.0}, 0.5).w == doctest::Approx(run_pairs(additive, {1.0}, {8.0}, 0.5).w));
}

TEST_CASE("library::stdp_multiplicative: soft bounds (potentiation ∝ wmax - w, depression ∝ w)") {
    for (double w0 : {0.1, 0.5, 0.9}) {
        CHECK(run_pairs(multiplicative, {2.0}, {7.0}, w0).w ==
              doctest::Approx(w0 + 0.1 * (wmax - w0) * std::exp(-5.0 / 20.0)).epsilon(1e-12));
        CHECK(run_pairs(multiplicative, {7.0}, {2.0}, w0).w ==
              doctest::Approx(w0 - 0.2 * w0 * std::exp(-5.0 / 10.0)).epsilon(1e-12));
    }
    // No weight leaves [0, wmax] and none reaches a bound in finitely many pairs.
    CHECK(run_pairs(multiplicative, {2.0}, {2.1}, 0.999).w < wmax);
}
