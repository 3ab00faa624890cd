// Closed-form solutions: method::exact is exact to rounding on linear systems (uncoupled
// and coupled) for any dt, method::exponential_euler on linear uncoupled ones; heun
// without noise is forward Euler bit for bit; the automatic choice of method.
#include "numerics.hpp"

#include <numbers>
#include <type_traits>

namespace exact_tests {

using namespace numerics;

inline constexpr state<"x", dimensionless> x;
inline constexpr state<"y", dimensionless> y;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;
inline constexpr parameter<"RI", volt> RI;
inline constexpr parameter<"tau_p", second> tau_p;
inline constexpr shared<"tau_s", second> tau_s;

constexpr auto tau = 10_ms;
constexpr auto El = -49_mV;
constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
constexpr auto omega = 2 * std::numbers::pi / (15_ms);

// dx/dt = -x/tau: x = x0·exp(-t/tau).
template <class M>
inline constexpr auto decay = neuron_model(equations(d(x) / dt = -x / tau), M{});
// Driven LIF without threshold, a drive per neuron: v = v_inf + (v0 - v_inf)·exp(-t/tau).
template <class M>
inline constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v + RI) / tau), M{});
// The same with a time constant per neuron (the propagator is not hoisted out of the loop).
template <class M>
inline constexpr auto lif_p = neuron_model(equations(d(v) / dt = (El - v + RI) / tau_p), M{});
// Harmonic oscillator, coupled: x = x0 cos(t/tau) + y0 sin(t/tau), y = y0 cos − x0 sin.
template <class M>
inline constexpr auto oscillator = neuron_model(equations(d(x) / dt = y / tau, d(y) / dt = -x / tau), M{});
// CUBA's v–ge–gi (Brian 2 example CUBA.py without threshold): coupled, linear.
template <class M>
inline constexpr auto cuba = neuron_model(
    equations(d(v) / dt = (ge + gi - (v - El)) / taum, d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui), M{});
// Coupled, with a time constant per neuron in the coupling matrix.
template <class M>
inline constexpr auto coupled_param = neuron_model(
    equations(d(v) / dt = (ge - (v - El)) / tau_p, d(ge) / dt = -ge / taue), M{});
template <class M>
inline constexpr auto coupled_shared = neuron_model(
    equations(d(v) / dt = (ge - (v - El)) / tau_s, d(ge) / dt = -ge / taue), M{});
// Nonlinear, and time-dependent: for heun == euler.
template <class M>
inline constexpr auto quadratic = neuron_model(equations(d(x) / dt = -x * x / tau), M{});
template <class M>
inline constexpr auto forced = neuron_model(equations(d(x) / dt = (cos(omega * t) - x) / tau), M{});
// Nonlinear but conditionally linear (each equation linear in its own variable), as HH.
template <class M>
inline constexpr auto cond_linear = neuron_model(
    equations(d(x) / dt = -x * (1 + y) / tau, d(y) / dt = (1 - y) * x / tau), M{});

// ---- closed forms (SI) ----

/// w(t) = v − El of dw/dt = (g − w)/τm with g = g0·exp(−t/τg): the particular solution
/// K·exp(−t/τg), K = g0·τg/(τg − τm), plus (w0 − K)·exp(−t/τm).
double cuba_w(double t, double w0, double g0, double taug, double tm) {
    const double k = g0 * taug / (taug - tm);
    return k * std::exp(-t / taug) + (w0 - k) * std::exp(-t / tm);
}
double cuba_v(double t, double v0, double ge0, double gi0, double tm = taum.value()) {
    const double el = El.value();
    // Superposition: w = w_free + w_ge + w_gi.
    return el + cuba_w(t, v0 - el, 0.0, taue.value(), tm) + cuba_w(t, 0.0, ge0, taue.value(), tm) +
           cuba_w(t, 0.0, gi0, taui.value(), tm);
}

const std::vector<double> any_dt_ms = {0.01, 0.1, 0.3, 1.2, 8.0};  // 8 ms > taue: still exact
constexpr auto duration = 24_ms;
constexpr double exact_tolerance = 1e-12;

template <class M>
double decay_error(time_q step) {
    const auto tr = simulate<decay<M>>(
        3, step, duration, [](auto& G) { G[x] = 1.0 - 0.75 * i; }, x);
    double worst = 0.0;
    for (std::size_t n = 0; n < 3; ++n) {
        const double x0 = 1.0 - 0.75 * static_cast<double>(n);
        auto ref = [&](double s) { return x0 * std::exp(-s / tau.value()); };
        worst = std::max(worst, max_error(tr, 0, n, ref, [&](double s) { return std::abs(ref(s)); }));
    }
    return worst;
}

template <class M, bool PerNeuronTau = false>
double lif_error(time_q step) {
    auto init = [](auto& G) {
        G[v] = -70_mV;
        G[RI] = 7_mV * i - 10_mV;
        if constexpr (PerNeuronTau) G[tau_p] = 5_ms + 5_ms * i;
    };
    const auto tr = [&] {
        if constexpr (PerNeuronTau) return simulate<lif_p<M>>(4, step, duration, init, v);
        else return simulate<lif<M>>(4, step, duration, init, v);
    }();
    double worst = 0.0;
    for (std::size_t n = 0; n < 4; ++n) {
        const double v_inf = El.value() + 7e-3 * static_cast<double>(n) - 10e-3, v0 = -70e-3;
        const double tn = PerNeuronTau ? 5e-3 + 5e-3 * static_cast<double>(n) : tau.value();
        auto ref = [&](double s) { return v_inf + (v0 - v_inf) * std::exp(-s / tn); };
        worst = std::max(worst, max_error(tr, 0, n, ref, [&](double s) { return std::abs(ref(s)); }));
    }
    return worst;
}

TEST_CASE("exact: exponential decay, to rounding for any dt") {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        const double err = decay_error<method::exact_t>(d * ms);
        CHECK(err < exact_tolerance);
        MESSAGE("exact decay, dt = " << d << " ms: max relative error " << err);
    }
}

TEST_CASE("exact: driven LIF with a drive per neuron, to rounding for any dt") {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        const double err = lif_error<method::exact_t>(d * ms);
        const double err_p = lif_error<method::exact_t, true>(d * ms);
        CHECK(err < exact_tolerance);
        CHECK(err_p < exact_tolerance);
        MESSAGE("exact LIF, dt = " << d << " ms: max relative error " << err << ", tau per neuron " << err_p);
    }
}

TEST_CASE("exponential_euler: exact on linear uncoupled equations") {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        const double e1 = decay_error<method::exponential_euler_t>(d * ms);
        const double e2 = lif_error<method::exponential_euler_t>(d * ms);
        const double e3 = lif_error<method::exponential_euler_t, true>(d * ms);
        CHECK(e1 < exact_tolerance);
        CHECK(e2 < exact_tolerance);
        CHECK(e3 < exact_tolerance);
        MESSAGE("exponential_euler, dt = " << d << " ms: decay " << e1 << ", LIF " << e2 << ", tau per neuron " << e3);
    }
}

TEST_CASE("exact: harmonic oscillator (coupled), to rounding for any dt") {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        const auto tr = simulate<oscillator<method::exact_t>>(
            2, d * ms, duration,
            [](auto& G) {
                G[x] = 1.0 - 1.5 * i;  // (1, 0.5) and (-0.5, 1)
                G[y] = 0.5 + 0.5 * i;
            },
            x, y);
        double worst = 0.0;
        for (std::size_t n = 0; n < 2; ++n) {
            const double x0 = 1.0 - 1.5 * static_cast<double>(n), y0 = 0.5 + 0.5 * static_cast<double>(n);
            const double amplitude = std::hypot(x0, y0);
            for (std::size_t s = 0; s < tr.t.size(); ++s) {
                const double ph = tr.t[s] / tau.value();
                const double rx = x0 * std::cos(ph) + y0 * std::sin(ph), ry = y0 * std::cos(ph) - x0 * std::sin(ph);
                worst = std::max(worst, std::hypot(tr.x[0](n, s) - rx, tr.x[1](n, s) - ry) / amplitude);
            }
        }
        CHECK(worst < exact_tolerance);
        MESSAGE("exact oscillator, dt = " << d << " ms: max relative error " << worst);
    }
}

template <class Tr>
double cuba_error(const Tr& tr, std::size_t neurons) {
    double worst = 0.0;
    for (std::size_t n = 0; n < neurons; ++n) {
        const double k = static_cast<double>(n);
        const double v0 = -60e-3 + 2e-3 * k, ge0 = 2e-3 + 1e-3 * k, gi0 = -3e-3 - 2e-3 * k;
        auto rv = [&](double s) { return cuba_v(s, v0, ge0, gi0); };
        auto rge = [&](double s) { return ge0 * std::exp(-s / taue.value()); };
        auto rgi = [&](double s) { return gi0 * std::exp(-s / taui.value()); };
        worst = std::max(worst, max_error(tr, 0, n, rv, [&](double s) { return std::abs(rv(s)); }));
        worst = std::max(worst, max_error(tr, 1, n, rge, [&](double s) { return std::abs(rge(s)); }));
        worst = std::max(worst, max_error(tr, 2, n, rgi, [&](double s) { return std::abs(rgi(s)); }));
    }
    return worst;
}

auto cuba_init = [](auto& G) {
    G[v] = -60_mV + 2_mV * i;
    G[ge] = 2_mV + 1_mV * i;
    G[gi] = -3_mV - 2_mV * i;
};

TEST_CASE("exact: CUBA's coupled v-ge-gi, to rounding for any dt") {
    for (double d : any_dt_ms) {
        CAPTURE(d);
        const auto tr = simulate<cuba<method::exact_t>>(3, d * ms, duration, cuba_init, v, ge, gi);
        const double err = cuba_error(tr, 3);
        CHECK(err < exact_tolerance);
        MESSAGE("exact CUBA, dt = " << d << " ms: max relative error " << err);
    }
}

TEST_CASE("exact: the coupled propagator follows a change of dt between runs") {
    neuron_group<cuba<method::exact_t>> G(3);
    cuba_init(G);
    network net(G);
    net.run(12_ms);
    G.set_dt(0.3_ms);
    net.run(12_ms);
    G.set_dt(4_ms);
    net.run(12_ms);
    REQUIRE(G.clock().t() == doctest::Approx(36e-3));
    for (std::size_t n = 0; n < 3; ++n) {
        const double k = static_cast<double>(n);
        const double v0 = -60e-3 + 2e-3 * k, ge0 = 2e-3 + 1e-3 * k, gi0 = -3e-3 - 2e-3 * k, s = 36e-3;
        const double rv = cuba_v(s, v0, ge0, gi0);
        CHECK(std::abs(G[v][n].value().value() - rv) / std::abs(rv) < exact_tolerance);
        CHECK(std::abs(G[ge][n].value().value() / (ge0 * std::exp(-s / taue.value())) - 1) < exact_tolerance);
    }
}

TEST_CASE("exact: coupled system with a time constant per neuron") {
    // The coupling matrix differs between neurons (tau_p is a parameter): each neuron
    // needs its own propagator.
    const auto tr = simulate<coupled_param<method::exact_t>>(
        3, 0.1_ms, duration,
        [](auto& G) {
            G[v] = -60_mV;
            G[ge] = 2_mV;
            G[tau_p] = 10_ms + 5_ms * i;
        },
        v);
    for (std::size_t n = 0; n < 3; ++n) {
        CAPTURE(n);
        const double tm = 10e-3 + 5e-3 * static_cast<double>(n);
        auto ref = [&](double s) { return cuba_v(s, -60e-3, 2e-3, 0.0, tm); };
        CHECK(max_error(tr, 0, n, ref, [&](double s) { return std::abs(ref(s)); }) < exact_tolerance);
    }
}

TEST_CASE("exact: coupled system whose matrix reads a shared variable changed between runs") {
    neuron_group<coupled_shared<method::exact_t>> G(2);
    G[v] = -60_mV;
    G[ge] = 2_mV + 3_mV * i;
    G[tau_s] = 10_ms;
    network net(G);
    net.run(12_ms);
    G[tau_s] = 25_ms;
    net.run(12_ms);
    for (std::size_t n = 0; n < 2; ++n) {
        CAPTURE(n);
        const double ge0 = 2e-3 + 3e-3 * static_cast<double>(n), t1 = 12e-3, el = El.value();
        const double w1 = cuba_w(t1, -60e-3 - el, ge0, taue.value(), 10e-3);
        const double rv = el + cuba_w(t1, w1, ge0 * std::exp(-t1 / taue.value()), taue.value(), 25e-3);
        CHECK(std::abs(G[v][n].value().value() - rv) / std::abs(rv) < exact_tolerance);
    }
}

// ---- heun without noise is forward Euler (Brian's heun), bit for bit ----

template <const auto& A, const auto& B, class Init, class... X>
void check_identical(time_q step, Init init, const X&... vars) {
    const auto a = simulate<A>(3, step, duration, init, vars...);
    const auto b = simulate<B>(3, step, duration, init, vars...);
    REQUIRE(a.t.size() == b.t.size());
    for (std::size_t k = 0; k < sizeof...(X); ++k)
        for (std::size_t n = 0; n < 3; ++n)
            for (std::size_t s = 0; s < a.t.size(); ++s) REQUIRE(a.x[k](n, s) == b.x[k](n, s));
}

TEST_CASE("heun without noise equals euler exactly") {
    check_identical<quadratic<method::heun_t>, quadratic<method::euler_t>>(
        0.2_ms, [](auto& G) { G[x] = 0.5 + i; }, x);
    check_identical<forced<method::heun_t>, forced<method::euler_t>>(
        0.2_ms, [](auto& G) { G[x] = 0.5 - i; }, x);
    check_identical<cuba<method::heun_t>, cuba<method::euler_t>>(0.1_ms, cuba_init, v, ge, gi);
    // ... and is not the exact solution (the comparison is not vacuous).
    const auto h = simulate<cuba<method::heun_t>>(3, 0.1_ms, duration, cuba_init, v, ge, gi);
    CHECK(cuba_error(h, 3) > 1e-6);
}

// ---- the automatic method (Brian 2's default, method=('exact', 'euler', 'heun')) ----

template <const auto& Model>
using method_of = typename neuron_group<Model>::method_type;

static_assert(std::is_same_v<method_of<decay<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<lif<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<oscillator<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<cuba<method::automatic_t>>, method::exact_t>);
static_assert(std::is_same_v<method_of<quadratic<method::automatic_t>>, method::euler_t>);
// Conditionally linear: euler too (Brian 2's default list has no exponential_euler).
static_assert(std::is_same_v<method_of<cond_linear<method::automatic_t>>, method::euler_t>);
static_assert(std::is_same_v<method_of<cond_linear<method::exponential_euler_t>>, method::exponential_euler_t>);
// Linear but time-dependent: not for exact.
static_assert(std::is_same_v<method_of<forced<method::automatic_t>>, method::euler_t>);
// An explicit method is kept.
static_assert(std::is_same_v<method_of<decay<method::rk4_t>>, method::rk4_t>);

TEST_CASE("automatic: a linear model runs the exact integrator") {
    CHECK(decay_error<method::automatic_t>(1.2_ms) < exact_tolerance);
}

}  // namespace exact_tests
