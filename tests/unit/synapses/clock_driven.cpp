// brian/synapses/clock_driven.hpp: synaptic equations integrated every step, against
// closed forms (exact: uncoupled and coupled linear; euler's and rk4's own recursions).
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace clock_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;
inline constexpr state<"g", dimensionless> g;
inline constexpr state<"h", dimensionless> h;
inline constexpr parameter<"tau_s", second> tau_s;

inline constexpr auto target_model = neuron_model(equations(d(v) / dt = x / 1_ms), method::euler);
constexpr auto tau = 5_ms;

inline constexpr auto decay_exact = synapse_model(equations(d(g) / dt = -g / tau), on_pre(g += 1.0));
inline constexpr auto decay_euler = synapse_model(equations(d(g) / dt = -g / tau), on_pre(g += 1.0), method::euler);
inline constexpr auto decay_rk4 = synapse_model(equations(d(g) / dt = -g / tau), on_pre(g += 1.0), method::rk4);
inline constexpr auto decay_rk2 = synapse_model(equations(d(g) / dt = -g / tau), on_pre(g += 1.0), method::rk2);
// Alpha kernel as a coupled linear system: g(t) = (t / tau) exp(-t / tau) from h(0) = 1.
inline constexpr auto alpha = synapse_model(equations(d(g) / dt = (h - g) / tau, d(h) / dt = -h / tau),
                                            on_pre(h += 1.0));
// A per-synapse time constant (exact per synapse), and a drive read from the target.
inline constexpr auto own_tau = synapse_model(equations(d(g) / dt = -g / tau_s), on_pre(g += 1.0));
inline constexpr auto driven = synapse_model(equations(d(g) / dt = post(x) / (1_mV * 1_ms)), on_pre(g += 0.0));

template <class Model>
std::vector<double> run_g(const Model& model, double g0, double h0, double ms_run) {
    spike_generator_group G(2, {0}, {500.0}, ms);  // no spike during the run
    neuron_group<target_model> T(3);
    T[x] = 2_mV;
    synapses S(G, T, model, "S");
    S.connect();
    S[g] = g0;
    if constexpr (synapse_layout<Model>::template stores<std::remove_cvref_t<decltype(h)>>) S[h] = h0;
    if constexpr (synapse_layout<Model>::template stores<std::remove_cvref_t<decltype(tau_s)>>)
        S[tau_s] = 1_ms + 1_ms * i + 2_ms * j;
    network net(G, T, S);
    net.run(ms_run * ms);
    const auto values = S[g].in(dimensionless);
    return std::vector<double>(values.begin(), values.end());
}

}  // namespace clock_test

using namespace clock_test;

TEST_CASE("clock-driven synaptic equations: exact, euler, rk2, rk4 against their closed forms") {
    const double n = 100.0, q = 0.1 / 5.0;  // 100 steps of dt / tau
    for (double gk : run_g(decay_exact, 1.0, 0.0, 10.0)) CHECK(gk == doctest::Approx(std::exp(-n * q)).epsilon(1e-12));
    for (double gk : run_g(decay_euler, 1.0, 0.0, 10.0))
        CHECK(gk == doctest::Approx(std::pow(1.0 - q, n)).epsilon(1e-12));
    for (double gk : run_g(decay_rk2, 1.0, 0.0, 10.0))
        CHECK(gk == doctest::Approx(std::pow(1.0 - q + q * q / 2, n)).epsilon(1e-12));
    const double rk4_factor = 1.0 - q + q * q / 2 - q * q * q / 6 + q * q * q * q / 24;
    for (double gk : run_g(decay_rk4, 1.0, 0.0, 10.0))
        CHECK(gk == doctest::Approx(std::pow(rk4_factor, n)).epsilon(1e-12));
}

TEST_CASE("clock-driven synaptic equations: coupled linear system (alpha kernel) is exact") {
    using integ = detail::clock_driven_integrator<std::remove_cvref_t<decltype(alpha)>>;
    static_assert(integ::matrix_exact);
    for (double t_ms : {0.1, 3.0, 5.0, 17.3}) {
        const double expected = (t_ms / 5.0) * std::exp(-t_ms / 5.0);
        for (double gk : run_g(alpha, 0.0, 1.0, t_ms)) CHECK(gk == doctest::Approx(expected).epsilon(1e-11));
    }
}

TEST_CASE("clock-driven synaptic equations: per-synapse coefficients and neuron variables") {
    using integ = detail::clock_driven_integrator<std::remove_cvref_t<decltype(own_tau)>>;
    static_assert(integ::exact && !integ::matrix_exact);
    const auto gs = run_g(own_tau, 1.0, 0.0, 4.0);
    REQUIRE(gs.size() == 6);
    for (std::size_t k = 0; k < gs.size(); ++k) {
        const double i_k = static_cast<double>(k / 3), j_k = static_cast<double>(k % 3);
        CHECK(gs[k] == doctest::Approx(std::exp(-4.0 / (1.0 + i_k + 2.0 * j_k))).epsilon(1e-12));
    }
    // dg/dt = x_post / (1 mV ms) with x = 2 mV: g = 2 t / ms.
    for (double gk : run_g(driven, 0.0, 0.0, 3.0)) CHECK(gk == doctest::Approx(6.0).epsilon(1e-12));
}
