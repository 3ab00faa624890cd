// Convergence orders of the explicit integrators against closed forms: the global error
// (largest over the run) for several dt, the order fitted as the slope of log(error)
// against log(dt). euler 1, rk2 2, rk4 4; exponential_euler 1 on coupled or
// time-dependent equations (exact on linear uncoupled ones: exact.cpp).
#include "numerics.hpp"

#include <numbers>

namespace convergence_tests {

using namespace numerics;

inline constexpr state<"x", dimensionless> x;
inline constexpr state<"y", dimensionless> y;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;

constexpr auto tau = 10_ms;
constexpr auto El = -49_mV;
constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
constexpr auto T0 = 15_ms;  // period of the drive
constexpr auto omega = 2 * std::numbers::pi / T0;

template <class M>
inline constexpr auto decay = neuron_model(equations(d(x) / dt = -x / tau), M{});
template <class M>
inline constexpr auto oscillator = neuron_model(equations(d(x) / dt = y / tau, d(y) / dt = -x / tau), M{});
template <class M>
inline constexpr auto quadratic = neuron_model(equations(d(x) / dt = -x * x / tau), M{});
// Reads t, so the intermediate stages of rk2 and rk4 must use t + dt/2, t + dt.
template <class M>
inline constexpr auto forced = neuron_model(equations(d(x) / dt = (cos(omega * t) - x) / tau), M{});
template <class M>
inline constexpr auto cuba = neuron_model(
    equations(d(v) / dt = (ge + gi - (v - El)) / taum, d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui), M{});

constexpr auto duration = 24_ms;
// dt for the low-order methods, and larger ones for rk4 (its error stays far above rounding).
const std::vector<double> fine_dt = {0.4, 0.2, 0.1, 0.05};
const std::vector<double> coarse_dt = {2.4, 1.2, 0.6, 0.3};
constexpr double order_tolerance = 0.25;

// ---- global errors against the closed forms ----

template <class M>
double decay_error(time_q h) {
    const auto tr = simulate<decay<M>>(
        1, h, duration, [](auto& G) { G[x] = 1.0; }, x);
    auto ref = [](double s) { return std::exp(-s / tau.value()); };
    return max_error(tr, 0, 0, ref, ref);
}

template <class M>
double oscillator_error(time_q h) {
    const auto tr = simulate<oscillator<M>>(
        1, h, duration,
        [](auto& G) {
            G[x] = 1.0;
            G[y] = 0.5;
        },
        x, y);
    const double x0 = 1.0, y0 = 0.5, amplitude = std::hypot(x0, y0);
    double worst = 0.0;
    for (std::size_t s = 0; s < tr.t.size(); ++s) {
        const double ph = tr.t[s] / tau.value();
        const double rx = x0 * std::cos(ph) + y0 * std::sin(ph), ry = y0 * std::cos(ph) - x0 * std::sin(ph);
        worst = std::max(worst, std::hypot(tr.x[0](0, s) - rx, tr.x[1](0, s) - ry) / amplitude);
    }
    return worst;
}

template <class M>
double quadratic_error(time_q h) {
    // x = x0 / (1 + x0 t/tau)
    const auto tr = simulate<quadratic<M>>(
        1, h, duration, [](auto& G) { G[x] = 0.5; }, x);
    auto ref = [](double s) { return 0.5 / (1.0 + 0.5 * s / tau.value()); };
    return max_error(tr, 0, 0, ref, ref);
}

template <class M>
double forced_error(time_q h) {
    // x = A cos(wt) + B sin(wt) + (x0 - A) exp(-t/tau), A = 1/(1+(w tau)^2), B = w tau A.
    const auto tr = simulate<forced<M>>(
        1, h, duration, [](auto& G) { G[x] = 0.5; }, x);
    const double wt = omega.value() * tau.value(), a = 1.0 / (1.0 + wt * wt), b = wt * a;
    auto ref = [&](double s) {
        return a * std::cos(omega.value() * s) + b * std::sin(omega.value() * s) +
               (0.5 - a) * std::exp(-s / tau.value());
    };
    return max_error(tr, 0, 0, ref, [](double) { return 1.0; });
}

double cuba_w(double t, double w0, double g0, double taug) {
    const double tm = taum.value(), k = g0 * taug / (taug - tm);
    return k * std::exp(-t / taug) + (w0 - k) * std::exp(-t / tm);
}

template <class M>
double cuba_error(time_q h) {
    const double v0 = -60e-3, ge0 = 6e-3, gi0 = -4e-3, el = El.value();
    const auto tr = simulate<cuba<M>>(
        1, h, duration,
        [](auto& G) {
            G[v] = -60_mV;
            G[ge] = 6_mV;
            G[gi] = -4_mV;
        },
        v);
    auto ref = [&](double s) {
        return el + cuba_w(s, v0 - el, 0.0, taue.value()) + cuba_w(s, 0.0, ge0, taue.value()) +
               cuba_w(s, 0.0, gi0, taui.value());
    };
    return max_error(tr, 0, 0, ref, [&](double s) { return std::abs(ref(s)); });
}

void check_order(const convergence& c, double expected) {
    CHECK(std::abs(c.order - expected) < order_tolerance);
    // Each halving of dt must reduce the error (monotone, no rounding floor).
    for (std::size_t j = 1; j < c.error.size(); ++j) CHECK(c.error[j] < c.error[j - 1]);
    CHECK(c.error.back() > 1e-12);
}

TEST_CASE("euler: first order") {
    check_order(measure("euler decay", fine_dt, decay_error<method::euler_t>), 1);
    check_order(measure("euler oscillator", fine_dt, oscillator_error<method::euler_t>), 1);
    check_order(measure("euler quadratic", fine_dt, quadratic_error<method::euler_t>), 1);
    check_order(measure("euler forced", fine_dt, forced_error<method::euler_t>), 1);
    check_order(measure("euler cuba", fine_dt, cuba_error<method::euler_t>), 1);
}

TEST_CASE("rk2: second order") {
    check_order(measure("rk2 decay", fine_dt, decay_error<method::rk2_t>), 2);
    check_order(measure("rk2 oscillator", fine_dt, oscillator_error<method::rk2_t>), 2);
    check_order(measure("rk2 quadratic", fine_dt, quadratic_error<method::rk2_t>), 2);
    check_order(measure("rk2 forced", fine_dt, forced_error<method::rk2_t>), 2);
    check_order(measure("rk2 cuba", fine_dt, cuba_error<method::rk2_t>), 2);
}

TEST_CASE("rk4: fourth order") {
    check_order(measure("rk4 decay", coarse_dt, decay_error<method::rk4_t>), 4);
    check_order(measure("rk4 oscillator", coarse_dt, oscillator_error<method::rk4_t>), 4);
    check_order(measure("rk4 quadratic", coarse_dt, quadratic_error<method::rk4_t>), 4);
    check_order(measure("rk4 forced", coarse_dt, forced_error<method::rk4_t>), 4);
    check_order(measure("rk4 cuba", coarse_dt, cuba_error<method::rk4_t>), 4);
}

TEST_CASE("exponential_euler: first order on coupled and time-dependent equations") {
    check_order(measure("exponential_euler cuba", fine_dt, cuba_error<method::exponential_euler_t>), 1);
    check_order(measure("exponential_euler forced", fine_dt, forced_error<method::exponential_euler_t>), 1);
}

TEST_CASE("heun without noise and the automatic method on a nonlinear model are euler") {
    // Same errors to the last bit as euler (heun == euler is checked point by point in exact.cpp).
    for (double d : fine_dt) {
        CHECK(quadratic_error<method::heun_t>(d * ms) == quadratic_error<method::euler_t>(d * ms));
        CHECK(quadratic_error<method::automatic_t>(d * ms) == quadratic_error<method::euler_t>(d * ms));
    }
}

}  // namespace convergence_tests
