// brian/library/gap_junction.hpp: electrical synapses as a summed current. Passive cells
// relax to their common voltage at the rate of the discrete recursion and conserve their
// charge; a pair of LIF cells falls into step.
#include <brian/brian.hpp>
#include <brian/library/gap_junction.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace gap_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"Igap", amp> Igap;
inline constexpr parameter<"w", siemens> w;
inline constexpr parameter<"Cm", farad> Cm;

// Pure capacitors (forward Euler: the charge update is exact arithmetic) and leaky cells
// (exact integration, Igap constant over a step).
inline constexpr auto capacitor = neuron_model(equations(d(v) / dt = Igap / Cm), method::euler);
constexpr auto El = -70_mV;
constexpr auto tau = 10_ms;
constexpr auto C = 0.5_nF;
inline constexpr auto leaky = neuron_model(equations(d(v) / dt = (El - v) / tau + Igap / C), method::exact);

inline constexpr auto gap = library::gap_junction(Igap, v, w);

// Brian's gapjunctions.py, dimensionless: dv/dt = (v0 - v + Igap) / tau, threshold 1, reset 0.
inline constexpr state<"u", dimensionless> u;
inline constexpr parameter<"J", dimensionless> J;
inline constexpr parameter<"wu", dimensionless> wu;
inline constexpr auto lif = neuron_model(equations(d(u) / dt = (1.05 - u + J) / tau), threshold(u > 1.0),
                                         reset(u = 0.0), method::exact);
inline constexpr auto gap_u = library::gap_junction(J, u, wu);

/// Spike steps of neuron k.
template <class M>
std::vector<long> steps_of(const M& spikes, int k) {
    std::vector<long> out;
    const auto i = spikes.i();
    const auto& steps = spikes.steps();
    for (std::size_t s = 0; s < steps.size(); ++s)
        if (static_cast<int>(i(s)) == k) out.push_back(static_cast<long>(steps[s]));
    return out;
}

}  // namespace gap_test

using namespace gap_test;

TEST_CASE("gap_junction: two capacitors relax at the rate of the discrete recursion and conserve charge") {
    // Forward Euler with Igap summed before each update: d_{n+1} = d_n (1 - w dt (1/C0 + 1/C1)).
    const double c0 = 10e-12, c1 = 30e-12, g = 1e-9, h = 1e-4;
    const double factor = 1.0 - g * h * (1.0 / c0 + 1.0 / c1);
    auto check = [&](auto& G, int steps) {
        const double v0 = G[v][0].in(volt), v1 = G[v][1].in(volt);
        const double d = v0 - v1;
        CHECK(d == doctest::Approx(12e-3 * std::pow(factor, steps)).epsilon(1e-11));
        // Σ C_k v_k is conserved: the two currents are opposite in every step.
        CHECK(c0 * v0 + c1 * v1 == doctest::Approx(c0 * 10e-3 + c1 * -2e-3).epsilon(1e-13));
    };
    SUBCASE("per-synapse conductance") {
        neuron_group<capacitor> G(2);
        G[Cm].set(std::vector{10.0, 30.0}, pF);
        G[v].set(std::vector{10.0, -2.0}, mV);
        synapses S(G, G, gap, "gap");
        S.connect(condition(i != j));
        S[w] = 1_nS;
        network net(G, S);
        net.run(20_ms);
        check(G, 200);
        // Continuous time constant 1 / (w (1/C0 + 1/C1)) = 7.5 ms; the recursion's
        // -dt / ln(factor) differs from it by O(dt / tau) (Euler).
        const double tau_recursion = -h / std::log(factor), tau_continuous = 1.0 / (g * (1.0 / c0 + 1.0 / c1));
        CHECK(tau_continuous == doctest::Approx(7.5e-3));
        CHECK(std::abs(tau_recursion / tau_continuous - 1.0) < h / tau_continuous);
        net.run(2_s);  // relaxed: both at the charge-weighted mean voltage
        CHECK(G[v][0].in(mV) == doctest::Approx((10.0 - 6.0) / 4.0).epsilon(1e-9));
        CHECK(G[v][1].in(mV) == doctest::Approx(1.0).epsilon(1e-9));
    }
    SUBCASE("one conductance for all synapses") {
        neuron_group<capacitor> G(2);
        G[Cm].set(std::vector{10.0, 30.0}, pF);
        G[v].set(std::vector{10.0, -2.0}, mV);
        synapses S(G, G, library::gap_junction(Igap, v, 1_nS), "gap");
        S.connect(condition(i != j));
        network net(G, S);
        net.run(20_ms);
        check(G, 200);
    }
}

TEST_CASE("gap_junction: leaky cells coupled all to all: deviations from the mean decay at the predicted rate") {
    // Exact integration with Igap constant over a step; all to all (i != j), N cells:
    // Igap_k = N w (mean - v_k). Per step the mean relaxes by a = exp(-dt / tau) and each
    // deviation by f = a - (1 - a) N w tau / C.
    constexpr int N = 5, steps = 100;
    const double g = 20e-9, h = 1e-4, tau_s = 10e-3, c = 0.5e-9;
    const double a = std::exp(-h / tau_s), f = a - (1.0 - a) * N * g * tau_s / c;
    neuron_group<leaky> G(N);
    G[v] = El + 2_mV * i;  // mean El + 4 mV, deviations -4, -2, 0, 2, 4 mV
    synapses S(G, G, gap, "gap");
    S.connect(condition(i != j));
    S[w] = 20_nS;
    state_monitor M(G, record(Igap));
    network net(G, S, M);
    net.run(steps * 0.1_ms);

    double mean = 0;
    for (int k = 0; k < N; ++k) mean += G[v][k].in(mV) / N;
    CHECK(mean - (-70.0) == doctest::Approx(4.0 * std::pow(a, steps)).epsilon(1e-10));
    for (int k = 0; k < N; ++k) {
        const double deviation = G[v][k].in(mV)-mean;
        if (k == 2) CHECK(std::abs(deviation) < 1e-12);
        else CHECK(deviation == doctest::Approx((2.0 * k - 4.0) * std::pow(f, steps)).epsilon(1e-9));
    }
    // The time constant measured from the simulation is the recursion's, -dt / ln f
    // (3.19 ms here); the continuous 1 / (1/tau + N w / C) = 3.33 ms differs by O(dt).
    const double d4 = G[v][4].in(mV)-mean;
    const double tau_measured = -steps * h / std::log(d4 / 4.0);
    CHECK(tau_measured == doctest::Approx(-h / std::log(f)).epsilon(1e-9));
    MESSAGE("leaky gap junctions: measured time constant " << tau_measured * 1e3 << " ms, recursion "
                                                           << -h / std::log(f) * 1e3 << " ms, continuous "
                                                           << 1e3 / (1.0 / tau_s + N * g / c) << " ms");
    // Gap currents sum to zero in every step (the coupling moves charge, creates none).
    const auto I = M[Igap];
    REQUIRE(I.shape()[1] == static_cast<std::size_t>(steps));
    double worst = 0, largest = 0;
    for (std::size_t s = 1; s < I.shape()[1]; ++s) {
        double sum = 0;
        for (int k = 0; k < N; ++k) {
            sum += I(k, s);
            largest = std::max(largest, std::abs(I(k, s)));
        }
        worst = std::max(worst, std::abs(sum));
    }
    CHECK(largest > 1e-13);
    CHECK(worst <= 1e-14 * largest);
}

// Brian's model has no spikelet: a cell that fires only drops to the reset, which pulls its
// partner down and delays it, so the pair settles in antiphase (Chow & Kopell 2000, Lewis
// & Rinzel 2003). Adding the spikelet (the partner jumps when a cell fires) synchronises it.
TEST_CASE("gap_junction: a coupled LIF pair: in step with a spikelet, antiphase without, fixed lag uncoupled") {
    struct result {
        std::vector<long> lag;
        double period = 0;  // steps, mean ISI of the last ten spikes of neuron 0
    };
    auto run_pair = [](const auto& model, double coupling) {
        neuron_group<lif> G(2);
        G[u].set(std::vector{0.0, 0.5}, dimensionless);
        synapses S(G, G, model, "gap");
        S.connect(condition(i != j));
        S[wu] = coupling;
        spike_monitor spikes(G);
        network net(G, S, spikes);
        net.run(2_s);
        const auto a = steps_of(spikes, 0), b = steps_of(spikes, 1);
        result r;
        // lag of each spike of neuron 0 behind the latest spike of neuron 1
        for (long s : a) {
            long latest = -1;
            for (long q : b)
                if (q <= s) latest = q;
            if (latest >= 0) r.lag.push_back(s - latest);
        }
        r.period = static_cast<double>(a.back() - a[a.size() - 11]) / 10.0;
        return r;
    };
    const auto free = run_pair(gap_u, 0.0);
    const auto plain = run_pair(gap_u, 0.02);
    const auto spikelet = run_pair(synapse_model(library::gap_junction_current(J, u, wu), on_pre(post(u) += 0.01)),
                                   0.02);
    REQUIRE(free.lag.size() > 40);
    REQUIRE(plain.lag.size() > 40);
    REQUIRE(spikelet.lag.size() > 40);
    MESSAGE("LIF pair, lag of neuron 0 behind neuron 1 (steps): uncoupled "
            << free.lag.front() << " ... " << free.lag.back() << " (period " << free.period << "); gap junctions "
            << plain.lag.front() << ", " << plain.lag[1] << " ... " << plain.lag.back() << " (period " << plain.period
            << "); with spikelet " << spikelet.lag.front() << ", " << spikelet.lag[1] << ", " << spikelet.lag[2]
            << " ... " << spikelet.lag.back() << " (period " << spikelet.period << ")");
    for (long l : free.lag) CHECK(std::abs(l - free.lag.front()) <= 1);  // same period, same lag
    // without spikelet: driven apart to half a period
    CHECK(plain.lag.front() < 0.25 * plain.period);
    CHECK(std::abs(static_cast<double>(plain.lag.back()) - plain.period / 2) <= 0.05 * plain.period);
    // with it: the lag shrinks cycle by cycle to one step (the partner fires in the step
    // after the spikelet) and stays there
    CHECK(spikelet.lag.front() > 30);
    std::size_t k = 1;
    for (; k < spikelet.lag.size() && spikelet.lag[k - 1] > 1; ++k) CHECK(spikelet.lag[k] < spikelet.lag[k - 1]);
    CHECK(k < 20);
    for (; k < spikelet.lag.size(); ++k) CHECK(spikelet.lag[k] == 1);
}
