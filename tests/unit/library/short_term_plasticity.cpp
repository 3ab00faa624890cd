// brian/library/short_term_plasticity.hpp: Tsodyks–Markram synapses on a regular train,
// against the model's recursion between spikes; facilitation and depression regimes.
#include <brian/brian.hpp>
#include <brian/library/short_term_plasticity.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace stp_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"g", dimensionless> g;  // accumulates the synaptic effects
inline constexpr parameter<"w", dimensionless> w;
inline constexpr auto cell = neuron_model(equations(d(v) / dt = (g * 1_mV - v) / 10_ms), method::exact);

inline constexpr library::stp_parameters depressing{0.5, 800_ms, 20_ms};
inline constexpr library::stp_parameters facilitating{0.05, 50_ms, 1000_ms};
inline constexpr auto depressing_model = library::tsodyks_markram(post(g), w, depressing);
inline constexpr auto facilitating_model = library::tsodyks_markram(post(g), w, facilitating);

/// The amplitudes of n spikes at `period_ms`, from the model's recursion.
std::vector<double> expected(const library::stp_parameters& p, int n, double period_ms) {
    std::vector<double> a;
    double x = 1.0, u = p.U;
    const double ed = std::exp(-period_ms * 1e-3 / p.tau_d.value()), ef = std::exp(-period_ms * 1e-3 / p.tau_f.value());
    for (int k = 0; k < n; ++k) {
        a.push_back(u * x);
        x *= 1.0 - u;
        u += p.U * (1.0 - u);
        x = 1.0 - (1.0 - x) * ed;
        u = p.U + (u - p.U) * ef;
    }
    return a;
}

/// The amplitudes of a regular train measured as the jumps of g.
template <class Model>
std::vector<double> measured(const Model& model, int n, double period_ms) {
    std::vector<double> times;
    for (int k = 0; k < n; ++k) times.push_back(1.0 + period_ms * k);
    spike_generator_group G(1, std::vector<int>(times.size(), 0), times, ms);
    neuron_group<cell> T(1);
    synapses S(G, T, model, "stp");
    S.connect();
    S[w] = 1.0;
    network net(G, T, S);
    std::vector<double> a;
    double before = 0.0;
    net.run(1_ms);
    for (int k = 0; k < n; ++k) {
        net.run(period_ms * 1_ms);
        const double now = T[g][0].value().value();
        a.push_back(now - before);
        before = now;
    }
    return a;
}

}  // namespace stp_test

using namespace stp_test;

TEST_CASE("library::tsodyks_markram: a regular train follows the recursion; depression and facilitation") {
    for (double period : {10.0, 25.0, 100.0}) {
        const auto dep = measured(depressing_model, 12, period);
        const auto dep_expected = expected(depressing, 12, period);
        const auto fac = measured(facilitating_model, 12, period);
        const auto fac_expected = expected(facilitating, 12, period);
        for (std::size_t k = 0; k < dep.size(); ++k) {
            CHECK(dep[k] == doctest::Approx(dep_expected[k]).epsilon(1e-12));
            CHECK(fac[k] == doctest::Approx(fac_expected[k]).epsilon(1e-12));
        }
        // The first response is U; a fast train depresses / facilitates.
        CHECK(dep[0] == doctest::Approx(0.5));
        CHECK(fac[0] == doctest::Approx(0.05));
        if (period <= 25.0) {
            CHECK(dep[5] < 0.5 * dep[0]);
            CHECK(fac[5] > 1.5 * fac[0]);
        }
    }
}
