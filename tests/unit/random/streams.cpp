// brian/random/stream_key.hpp: every random consumer draws from its own stream, keyed by
// object and purpose. A network with one consumer of each kind (neuron rand() and noise,
// initialisation, a Poisson group, poisson_input, synaptic code), built in several orders
// (so that object numbers fall differently): the draws of every pair are uncorrelated
// within sampling error. Before the streams were keyed in one place, a Poisson group and
// a neuron group could draw the same numbers.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace stream_test {

inline constexpr state<"u", dimensionless> u;
inline constexpr state<"z", dimensionless> z;
inline constexpr parameter<"a", dimensionless> a;
inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;
inline constexpr parameter<"y", volt> y;

// After one Euler step of 0.1 ms: u = rand(), z = a standard normal.
inline constexpr auto drawing = neuron_model(equations(d(u) / dt = (brian::rand() - u) / 0.1_ms + a * 0.0 / 1_s,
                                                       d(z) / dt = -z / 0.1_ms + sqrt(1 / 0.1_ms) * xi),
                                             method::euler);
inline constexpr auto target = neuron_model(equations(d(v) / dt = (x + y) / 1_ms), method::euler);
inline constexpr auto always = neuron_model(equations(d(v) / dt = 0_mV / 1_ms), threshold(v > -1_mV), method::euler);

double correlation(const std::vector<double>& p, const std::vector<double>& q) {
    const auto n = static_cast<double>(p.size());
    double mp = 0, mq = 0;
    for (std::size_t k = 0; k < p.size(); ++k) mp += p[k] / n, mq += q[k] / n;
    double spq = 0, spp = 0, sqq = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        spq += (p[k] - mp) * (q[k] - mq);
        spp += (p[k] - mp) * (p[k] - mp);
        sqq += (q[k] - mq) * (q[k] - mq);
    }
    return spq / std::sqrt(spp * sqq);
}

}  // namespace stream_test

using namespace stream_test;

TEST_CASE("random streams: one consumer of each kind, pairwise uncorrelated, whatever the object numbers") {
    constexpr std::size_t n = 500;
    constexpr int steps = 20;
    // `before` objects ahead of the noisy group and `between` it and the Poisson group move
    // their object numbers (with numbers 1 and 4 the two once drew the same stream).
    for (int arrangement = 0; arrangement < 12; ++arrangement) {
        const int before = arrangement / 4, between = arrangement % 4;
        CAPTURE(before);
        CAPTURE(between);
        seed(7);
        std::vector<std::unique_ptr<neuron_group<always>>> padding;
        for (int k = 0; k < before; ++k) padding.push_back(std::make_unique<neuron_group<always>>(1));
        neuron_group<drawing> G(n);
        for (int k = 0; k < between; ++k) padding.push_back(std::make_unique<neuron_group<always>>(1));
        poisson_group P(n, 5000_Hz * (1 + 0 * t / 1_s));  // rate * dt = 0.5, per-step draws
        neuron_group<target> H(n);
        poisson_input I(H, x, 1, 5000_Hz, 1_mV);
        neuron_group<always> S(n);
        synapses Syn(S, H, on_pre(post(y) += brian::rand() * 1_mV));
        Syn.connect(one_to_one);
        G[a] = brian::rand();
        const std::vector<double> init(G.raw<std::remove_cvref_t<decltype(a)>>(),
                                       G.raw<std::remove_cvref_t<decltype(a)>>() + n);
        network net(G, P, H, I, S, Syn);
        // The observations of each consumer, per (step, neuron): values that share their
        // first uniform draw would be strongly correlated (z through z^2).
        std::vector<std::vector<double>> obs(5);
        std::vector<std::vector<double>> first_step(5);
        for (int s = 0; s < steps; ++s) {
            std::fill_n(H.raw<std::remove_cvref_t<decltype(x)>>(), n, 0.0);
            std::fill_n(H.raw<std::remove_cvref_t<decltype(y)>>(), n, 0.0);
            net.run(0.1_ms);
            std::vector<double> spiked(n, 0.0);
            for (auto k : P.spike_indices()) spiked[static_cast<std::size_t>(k)] = 1.0;
            for (std::size_t i = 0; i < n; ++i) {
                const double values[5] = {G.raw<std::remove_cvref_t<decltype(u)>>()[i],
                                          std::pow(G.raw<std::remove_cvref_t<decltype(z)>>()[i], 2), spiked[i],
                                          H.raw<std::remove_cvref_t<decltype(x)>>()[i],
                                          H.raw<std::remove_cvref_t<decltype(y)>>()[i]};
                for (int c = 0; c < 5; ++c) {
                    obs[c].push_back(values[c]);
                    if (s == 0) first_step[c].push_back(values[c]);
                }
            }
        }
        const char* names[5] = {"neuron rand()", "neuron noise", "poisson_group", "poisson_input", "synaptic rand()"};
        const double bound = 5.0 / std::sqrt(static_cast<double>(n * steps));
        for (int p = 0; p < 5; ++p) {
            for (int q = p + 1; q < 5; ++q) {
                CAPTURE(std::string(names[p]) + " vs " + names[q]);
                CHECK(std::abs(correlation(obs[p], obs[q])) < bound);
            }
            CAPTURE(std::string("initialisation vs ") + names[p]);
            CHECK(std::abs(correlation(init, first_step[p])) < 5.0 / std::sqrt(static_cast<double>(n)));
        }
    }
}

TEST_CASE("random streams: stream_key never gives two (object, purpose) pairs the same key") {
    std::vector<std::uint32_t> keys;
    for (std::uint32_t object = 0; object < 64; ++object)
        for (std::uint32_t p = 0; p <= static_cast<std::uint32_t>(stream_purpose::pulse_packet); ++p)
            keys.push_back(stream_key(object, static_cast<stream_purpose>(p)));
    std::sort(keys.begin(), keys.end());
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
}
