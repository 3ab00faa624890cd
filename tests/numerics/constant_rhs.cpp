// Right-hand sides that read no state variable (`d(v)/dt = 1.0 / (10_ms)`, `d(x)/dt = rate`):
// linear, so the default method is exact, and integrated as Brian does, x += c·dt, which
// is exact for a constant c; also inside a coupled system (x drives y).
#include "numerics.hpp"

#include <type_traits>

namespace constant_rhs_tests {

using namespace numerics;

inline constexpr state<"x", dimensionless> x;
inline constexpr state<"y", dimensionless> y;
inline constexpr state<"v", volt> v;
inline constexpr parameter<"rate", volt / second> rate;
inline constexpr shared<"rate_s", volt / second> rate_s;
inline constexpr parameter<"tau_p", second> tau_p;

constexpr auto tau = 10_ms;

template <class M>
inline constexpr auto ramp = neuron_model(equations(d(x) / dt = 1.0 / (10_ms)), M{});
template <class M>
inline constexpr auto drift_p = neuron_model(equations(d(v) / dt = rate), M{});
template <class M>
inline constexpr auto drift_s = neuron_model(equations(d(v) / dt = rate_s), M{});
// A quotient whose denominator is a parameter: 1/tau_p per neuron.
template <class M>
inline constexpr auto ramp_p = neuron_model(equations(d(x) / dt = 1.0 / tau_p), M{});
// Coupled: y' = x/tau with x' = 1/tau, so y = y0 + x0·t/tau + t²/(2·tau²).
template <class M>
inline constexpr auto parabola = neuron_model(equations(d(x) / dt = 1.0 / tau, d(y) / dt = x / tau), M{});

template <const auto& Model>
using method_of = typename neuron_group<Model>::method_type;
static_assert(std::is_same_v<method_of<ramp<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<drift_p<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<drift_s<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<ramp_p<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<parabola<method::automatic_t>>, method::exact_t>);

constexpr auto duration = 24_ms;
constexpr double tolerance = 1e-12;
const std::vector<double> any_dt_ms = {0.01, 0.1, 0.3, 1.2, 8.0};

/// The largest error relative to `scale` of x_n(t) = x0_n + slope_n·t over the run.
template <std::size_t K, class X0, class Slope>
double line_error(const trajectory<K>& tr, std::size_t n, X0 x0, Slope slope, double scale) {
    double worst = 0.0;
    for (std::size_t k = 0; k < n; ++k)
        worst = std::max(worst,
                         max_error(
                             tr, 0, k, [&](double s) { return x0(k) + slope(k) * s; }, [&](double) { return scale; }));
    return worst;
}

TEST_CASE_TEMPLATE("constant right-hand side: x = x0 + t/tau", M, method::automatic_t, method::exact_t, method::euler_t,
                   method::exponential_euler_t, method::rk4_t) {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        const auto tr = simulate<ramp<M>>(
            3, d * ms, duration, [](auto& G) { G[x] = 0.5 - i; }, x);
        const double err = line_error(
            tr, 3, [](std::size_t k) { return 0.5 - static_cast<double>(k); },
            [](std::size_t) { return 1.0 / tau.value(); }, 1.0);
        CHECK(err < tolerance);
    }
}

TEST_CASE_TEMPLATE("right-hand side a parameter, a shared variable or 1/parameter", M, method::automatic_t,
                   method::exact_t) {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        // dv/dt = rate_k = (2 - k) V/s per neuron.
        const auto p = simulate<drift_p<M>>(
            3, d * ms, duration,
            [](auto& G) {
                G[v] = -70_mV + 5_mV * i;
                G[rate] = 2 * volt / second - i * volt / second;
            },
            v);
        CHECK(line_error(
                  p, 3, [](std::size_t k) { return -70e-3 + 5e-3 * static_cast<double>(k); },
                  [](std::size_t k) { return 2.0 - static_cast<double>(k); }, 0.07) < tolerance);
        // dv/dt = rate_s, one value for the group.
        const auto s = simulate<drift_s<M>>(
            2, d * ms, duration,
            [](auto& G) {
                G[v] = -70_mV;
                G[rate_s] = 0.5 * volt / second;
            },
            v);
        CHECK(line_error(
                  s, 2, [](std::size_t) { return -70e-3; }, [](std::size_t) { return 0.5; }, 0.07) < tolerance);
        // dx/dt = 1/tau_p, tau_p = (10 + 5k) ms.
        const auto q = simulate<ramp_p<M>>(
            3, d * ms, duration,
            [](auto& G) {
                G[x] = 1.0;
                G[tau_p] = 10_ms + 5_ms * i;
            },
            x);
        CHECK(line_error(
                  q, 3, [](std::size_t) { return 1.0; },
                  [](std::size_t k) { return 1.0 / (10e-3 + 5e-3 * static_cast<double>(k)); }, 1.0) < tolerance);
    }
}

TEST_CASE("constant right-hand side in a coupled system: exact to rounding for any dt") {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        const auto tr = simulate<parabola<method::automatic_t>>(
            2, d * ms, duration,
            [](auto& G) {
                G[x] = 1.0 - 2.0 * i;
                G[y] = 0.25 * i;
            },
            x, y);
        double worst = 0.0;
        for (std::size_t n = 0; n < 2; ++n) {
            const double x0 = 1.0 - 2.0 * static_cast<double>(n), y0 = 0.25 * static_cast<double>(n);
            const double tv = tau.value();
            worst = std::max(worst, max_error(
                                        tr, 0, n, [&](double s) { return x0 + s / tv; }, [](double) { return 1.0; }));
            worst = std::max(worst, max_error(
                                        tr, 1, n, [&](double s) { return y0 + x0 * s / tv + s * s / (2 * tv * tv); },
                                        [](double) { return 1.0; }));
        }
        CHECK(worst < tolerance);
    }
}

}  // namespace constant_rhs_tests
