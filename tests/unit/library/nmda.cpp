// brian/library/nmda.hpp: NMDA synapses (Brunel & Wang 2001) with the Jahr & Stevens
// magnesium block. The block's voltage dependence, the rise and slow decay of s after one
// spike against an independent fine-step integration, and saturation under fast trains.
#include <brian/brian.hpp>
#include <brian/library/nmda.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace nmda_test {

// Targets under an ideal voltage clamp (v starts at v_hold, so dv/dt is exactly 0), the
// NMDA current integrated into a charge q.
inline constexpr state<"v", volt> v;
inline constexpr parameter<"v_hold", volt> v_hold;
inline constexpr parameter<"I_nmda", amp> I_nmda;
inline constexpr state<"q", coulomb> q;
inline constexpr parameter<"w", dimensionless> w;
inline constexpr auto clamped = neuron_model(equations(d(v) / dt = (v_hold - v) / 1_ms, d(q) / dt = I_nmda),
                                             method::euler);

// The presynaptic cell: fires in the step after each stimulus spike. (A relay because
// summed variables from a spike_generator_group source do not compile yet: synapses'
// run_summed_now instantiates src_.group().raw<X>() for a post(x) target.)
inline constexpr state<"r", dimensionless> r;
inline constexpr auto relay = neuron_model(equations(d(r) / dt = -r / 1_ms), threshold(r > 0.5), reset(r = 0.0),
                                           method::exact);

constexpr double tau_rise = 2e-3, tau_decay = 100e-3, alpha = 500.0;  // Brunel & Wang (SI)

/// Jahr & Stevens' block at v (volts), Mg in mM.
double block(double v_volt, double mg_mM) { return 1.0 / (1.0 + mg_mM / 3.57 * std::exp(-0.062 * v_volt * 1e3)); }

/// s at the grid times n·dt (n = 0 .. steps) from s = x = 0, x += 1 at the grid steps in
/// `kicks` (after that step's value), integrated independently of the library: classical
/// RK4 with dt / sub steps.
std::vector<double> reference_s(double dt_s, std::size_t steps, const std::vector<std::size_t>& kicks, int sub = 200) {
    auto f = [](double s, double x, double& ds, double& dx) {
        ds = -s / tau_decay + alpha * x * (1.0 - s);
        dx = -x / tau_rise;
    };
    const double h = dt_s / sub;
    double s = 0, x = 0;
    std::vector<double> out{0.0};
    std::size_t next = 0;
    for (std::size_t n = 0; n < steps; ++n) {
        while (next < kicks.size() && kicks[next] == n) {
            x += 1.0;
            ++next;
        }
        for (int r = 0; r < sub; ++r) {
            double s1, x1, s2, x2, s3, x3, s4, x4;
            f(s, x, s1, x1);
            f(s + h / 2 * s1, x + h / 2 * x1, s2, x2);
            f(s + h / 2 * s2, x + h / 2 * x2, s3, x3);
            f(s + h * s3, x + h * x3, s4, x4);
            s += h / 6 * (s1 + 2 * s2 + 2 * s3 + s4);
            x += h / 6 * (x1 + 2 * x2 + 2 * x3 + x4);
        }
        out.push_back(s);
    }
    return out;
}

/// s of one synapse at the start of each step of a run, from a source that fires in the
/// step after each of the given times (ms).
template <class Model>
std::vector<double> simulated_s(const Model& model, const std::vector<double>& spike_ms, double run_ms,
                                double dt_ms = 0.1) {
    spike_generator_group stimulus(1, std::vector<std::int32_t>(spike_ms.size(), 0), spike_ms, ms);
    neuron_group<relay> source(1);
    neuron_group<clamped> target(1);
    stimulus.set_dt(dt_ms * ms);
    source.set_dt(dt_ms * ms);
    target.set_dt(dt_ms * ms);
    synapses drive(stimulus, source, on_pre(post(r) += 1.0), "drive");
    drive.connect();
    target[v_hold] = -50_mV;
    target[v] = -50_mV;
    synapses S(source, target, model, "nmda");
    S.connect();
    state_monitor M(S, record(library::nmda_s));
    network net(stimulus, source, drive, target, S, M);
    net.run(run_ms * ms);
    const auto s = M[library::nmda_s];
    std::vector<double> out;
    for (std::size_t n = 0; n < s.shape()[1]; ++n) out.push_back(s(0, n));
    return out;
}

/// max |a[n] - b[n]| over n in [from, to).
double max_diff(const std::vector<double>& a, const std::vector<double>& b, std::size_t from, std::size_t to) {
    double m = 0;
    for (std::size_t n = from; n < to; ++n) m = std::max(m, std::abs(a[n] - b[n]));
    return m;
}

}  // namespace nmda_test

using namespace nmda_test;

TEST_CASE("nmda: the magnesium block scales the current by B(v)(E - v), and the weight multiplies it") {
    for (double mg : {1.0, 0.0, 2.0}) {
        CAPTURE(mg);
        spike_generator_group stimulus(1, {0}, {1.0}, ms);
        neuron_group<relay> source(1);
        synapses drive(stimulus, source, on_pre(post(r) += 1.0), "drive");
        drive.connect();
        neuron_group<clamped> target(3);
        target[v_hold].set(std::vector{-70.0, -30.0, 20.0}, mV);
        target[v].set(std::vector{-70.0, -30.0, 20.0}, mV);
        synapses S(source, target, library::nmda(I_nmda, v, {.Mg = mg * mM}), "nmda");
        S.connect();  // one source, the same s at every target
        network net(stimulus, source, drive, target, S);
        net.run(20_ms);
        const double I0 = target[I_nmda][0].in(amp), I1 = target[I_nmda][1].in(amp), I2 = target[I_nmda][2].in(amp);
        // E = 0: inward (positive) below E, outward above
        CHECK(I0 > 0);
        CHECK(I1 > 0);
        CHECK(I2 < 0);
        const double expected = block(-70e-3, mg) * 70e-3 / (block(-30e-3, mg) * 30e-3);
        CHECK(I0 / I1 == doctest::Approx(expected).epsilon(1e-13));
        CHECK(I2 / I1 == doctest::Approx(block(20e-3, mg) * -20e-3 / (block(-30e-3, mg) * 30e-3)).epsilon(1e-13));
        if (mg == 0.0) CHECK(I0 / I1 == doctest::Approx(70.0 / 30.0).epsilon(1e-14));        // no block: ohmic
        if (mg == 1.0) CHECK(block(-70e-3, 1.0) == doctest::Approx(0.04460).epsilon(1e-3));  // 22x blocked at rest
    }
    // Absolute value: I = g s (E - v) B(v) with the s of the start of the last step; a
    // per-synapse weight multiplies it.
    spike_generator_group stimulus(1, {0}, {1.0}, ms);
    neuron_group<relay> source(1);
    synapses drive(stimulus, source, on_pre(post(r) += 1.0), "drive");
    drive.connect();
    neuron_group<clamped> target(2);
    target[v_hold] = -40_mV;
    target[v] = -40_mV;
    synapses S(source, target, library::nmda(I_nmda, v, w, {.g = 2_nS}), "nmda");
    S.connect();
    S[w] = 1.0 + j;  // 1 and 2
    state_monitor M(S, record(library::nmda_s), indices{0});
    network net(stimulus, source, drive, target, S, M);
    net.run(20_ms);
    const double s_last = M[library::nmda_s](0, M.t().size() - 1);
    CHECK(s_last > 0.1);
    CHECK(target[I_nmda][0].in(amp) == doctest::Approx(2e-9 * s_last * 40e-3 * block(-40e-3, 1.0)).epsilon(1e-13));
    CHECK(target[I_nmda][1].in(amp) == doctest::Approx(2.0 * target[I_nmda][0].in(amp)).epsilon(1e-14));
}

TEST_CASE("nmda: s rises within a few ms and decays with tau_decay, as a fine-step integration says") {
    // The stimulus at 1 ms (step 10) fires the presynaptic cell in step 11, which adds 1
    // to x in that step, so the recorded s[12 + m] is s(m dt) of the reference started at
    // x = 1, s = 0.
    const std::size_t steps = 3000, k0 = 10;
    const auto ref = reference_s(1e-4, steps, {k0 + 2});
    const auto peak = std::max_element(ref.begin(), ref.end());
    const double t_peak_ms = static_cast<double>(peak - ref.begin() - 12) * 0.1;
    MESSAGE("nmda: reference peak s = " << *peak << " at " << t_peak_ms << " ms after the spike");
    CHECK(*peak > 0.4);
    CHECK(t_peak_ms > 3);
    CHECK(t_peak_ms < 15);

    // rk4 at dt = 0.1 ms: the error of its x factor per step is (dt/tau_rise)^5 / 120 =
    // 2.6e-9 relative, a few 1e-8 over the rise; 1e-6 leaves room for s's own terms.
    const auto rk4 = simulated_s(library::nmda(I_nmda, v, {}, method::rk4), {1.0}, 300.0);
    REQUIRE(rk4.size() == steps);
    const double e_rk4 = max_diff(rk4, ref, 0, steps);
    CHECK(e_rk4 < 1e-6);

    // Euler (the default, Brian's example): first order. Its error is c·dt with c set by
    // s'' and the coefficients (here about 0.03 per 0.1 ms at the rise, dt/tau_rise =
    // 0.05); halving dt must halve it (ratio 2 within 10 %), and it stays below 0.05.
    const auto euler = simulated_s(library::nmda(I_nmda, v), {1.0}, 300.0);
    const auto euler_half = simulated_s(library::nmda(I_nmda, v), {1.0}, 300.0, 0.05);
    const auto ref_half = reference_s(0.5e-4, 2 * steps, {2 * k0 + 2});
    const double e1 = max_diff(euler, ref, 0, steps), e2 = max_diff(euler_half, ref_half, 0, 2 * steps);
    MESSAGE("nmda: max |s - reference|: rk4 " << e_rk4 << ", euler dt = 0.1 ms " << e1 << ", 0.05 ms " << e2);
    CHECK(e1 < 0.05);
    CHECK(e1 / e2 == doctest::Approx(2.0).epsilon(0.1));

    // The slow decay: 200 ms after the spike x is negligible (e^-100), and s follows
    // ds/dt = -s/tau_decay: Euler's factor (1 - dt/tau_decay) per step, exactly.
    const std::size_t a = 2000, b = 2900;
    CHECK(euler[b] / euler[a] == doctest::Approx(std::pow(1.0 - 1e-4 / tau_decay, 900)).epsilon(1e-12));
    CHECK(ref[b] / ref[a] == doctest::Approx(std::exp(-90e-3 / tau_decay)).epsilon(1e-12));
}

TEST_CASE("nmda: s saturates under a high-rate train") {
    // Periodic trains for 500 ms; the mean of s over the last 100 ms (rk4, against the
    // reference), and its growth with the rate: bounded by 1, sublinear.
    std::vector<double> plateau;
    for (double rate_hz : {10.0, 50.0, 200.0, 1000.0}) {
        const double period_ms = 1000.0 / rate_hz;
        std::vector<double> times;
        std::vector<std::size_t> kicks;
        for (double t = 0; t < 500.0 - 1e-9; t += period_ms) {
            times.push_back(t);
            kicks.push_back(static_cast<std::size_t>(std::llround(t * 10.0)) + 2);
        }
        const auto s = simulated_s(library::nmda(I_nmda, v, {}, method::rk4), times, 500.0);
        const auto ref = reference_s(1e-4, 5000, kicks, 50);
        double mean = 0, mean_ref = 0, top = 0;
        for (std::size_t n = 4000; n < 5000; ++n) {
            mean += s[n] / 1000;
            mean_ref += ref[n] / 1000;
        }
        for (double x : s) top = std::max(top, x);
        const auto euler = simulated_s(library::nmda(I_nmda, v), times, 500.0);
        double top_euler = 0;
        for (double x : euler) top_euler = std::max(top_euler, x);
        MESSAGE("nmda: " << rate_hz << " Hz: mean s over the last 100 ms " << mean << " (reference " << mean_ref
                         << "), max " << top << ", euler max " << top_euler);
        CHECK(mean == doctest::Approx(mean_ref).epsilon(1e-6));
        CHECK(top < 1.0);
        CHECK(top_euler < 1.0);
        plateau.push_back(mean);
    }
    // 10 -> 50 -> 200 -> 1000 Hz: each step multiplies the rate by 4 or 5, s by far less
    // (the (1 - s) factor), and at 1 kHz s sits within a few percent of 1.
    for (std::size_t k = 1; k < plateau.size(); ++k) CHECK(plateau[k] > plateau[k - 1]);
    CHECK(plateau[3] / plateau[2] < 1.2);
    CHECK(plateau[3] > 0.95);
}
