// precision<float>: a group's state stored in single precision, its update loop computing in
// single precision (time in double). Its accuracy against double and against closed forms
// (the error bound of float arithmetic), spike trains against double, and every path that reads or
// writes a group's storage working on float storage: views, monitors, synapses (with the
// conditional write of unless_refractory variables), summed variables, poisson_input,
// store/restore, linked variables, threads.
#include "numerics.hpp"

#include <brian/synapses.hpp>

#include <cstdint>
#include <limits>
#include <sstream>

namespace precision_tests {

using namespace numerics;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"m", dimensionless> m;
inline constexpr state<"h", dimensionless> h;
inline constexpr state<"n", dimensionless> n;
inline constexpr parameter<"I", volt> I;
inline constexpr parameter<"Iinj", amp> Iinj;
inline constexpr parameter<"Isyn", volt> Isyn;
inline constexpr linked<"v_src", volt> v_src;
inline constexpr parameter<"w", volt> w;

constexpr auto tau = 10_ms, taue = 5_ms;
constexpr auto Vt = -50_mV, Vr = -60_mV;

// Relaxation to a drive per neuron, no threshold: v = I + (v0 - I)·exp(-t/tau).
inline constexpr auto relax = neuron_model(equations(d(v) / dt = (I - v) / tau), method::exact);
// LIF with a drive per neuron, an exponential synaptic input, refractoriness.
inline constexpr auto lif = neuron_model(
    equations(d(v) / dt = (I + ge - v) / tau | unless_refractory, d(ge) / dt = -ge / taue | unless_refractory),
    threshold(v > Vt), reset(v = Vr), refractory(2_ms), method::exact);
// Hodgkin-Huxley (Brian's COBAHH cell) with an injected current per neuron.
constexpr auto area = 20000 * um2;
constexpr auto Cm = 1 * ufarad / cm2 * area;
constexpr auto gl = 5e-5 * siemens / cm2 * area;
constexpr auto g_na = 100 * msiemens / cm2 * area;
constexpr auto g_kd = 30 * msiemens / cm2 * area;
constexpr auto El = -60_mV, EK = -90_mV, ENa = 50_mV, VT = -63_mV;
inline constexpr auto hh = neuron_model(
    equations(d(v) / dt =
                  (gl * (El - v) - g_na * (m * m * m) * h * (v - ENa) - g_kd * (n * n * n * n) * (v - EK) + Iinj) / Cm,
              d(m) / dt = 0.32 / mV * 4_mV / exprel((13_mV - v + VT) / 4_mV) / ms * (1 - m) -
                          0.28 / mV * 5_mV / exprel((v - VT - 40_mV) / 5_mV) / ms * m,
              d(n) / dt = 0.032 / mV * 5_mV / exprel((15_mV - v + VT) / 5_mV) / ms * (1 - n) -
                          0.5 * exp((10_mV - v + VT) / 40_mV) / ms * n,
              d(h) / dt = 0.128 * exp((17_mV - v + VT) / 18_mV) / ms * (1 - h) -
                          4.0 / (1 + exp((40_mV - v + VT) / 5_mV)) / ms * h),
    threshold(v > -20_mV), refractory(3_ms), method::exponential_euler);
// Summed and linked variables.
inline constexpr auto sink = neuron_model(equations(d(v) / dt = (Isyn - v) / tau), method::exact);
inline constexpr auto follower = neuron_model(equations(d(v) / dt = (v_src - v) / tau), method::exact);

template <class G>
std::vector<std::vector<std::int64_t>> trains_of(const spike_monitor<G>& mon, std::size_t count) {
    std::vector<std::vector<std::int64_t>> out(count);
    const auto idx = mon.i();
    for (std::size_t k = 0; k < mon.steps().size(); ++k)
        out[static_cast<std::size_t>(idx(k))].push_back(mon.steps()[k]);
    return out;
}

/// Spike trains of `count` neurons of `Model` in float and in double storage, run side by
/// side for `duration` after the same `init(group)`; and the double run's spike count.
template <const auto& Model, class Init>
auto float_and_double_trains(std::size_t count, time_q duration, Init&& init) {
    neuron_group<Model, precision<float>> F(count);
    neuron_group<Model> D(count);
    init(F);
    init(D);
    spike_monitor SF(F);
    spike_monitor SD(D);
    network net(F, D, SF, SD);
    net.run(duration);
    struct trains {
        std::vector<std::vector<std::int64_t>> f, d;
        std::size_t double_spikes;
    };
    return trains{trains_of(SF, count), trains_of(SD, count), SD.num_spikes()};
}

/// Half a float ulp of a value of magnitude up to `x`.
double half_ulp(double x) { return 0.5 * std::numeric_limits<float>::epsilon() * std::abs(x); }

}  // namespace precision_tests

using namespace precision_tests;

TEST_CASE("precision<float>: storage is float; views read and write floats") {
    neuron_group<relax, precision<float>> G(3);
    static_assert(std::is_same_v<decltype(G)::value_type, float>);
    static_assert(std::is_same_v<neuron_group<relax>::value_type, double>);
    static_assert(std::is_same_v<decltype(G.raw<std::remove_cvref_t<decltype(v)>>()), float*>);
    G[v] = -60_mV;
    G[v][1] = -55.123456789_mV;
    G[I].set(std::vector{-40.0, -45.0, -50.0}, mV);
    CHECK(G[v][0].in(volt) == static_cast<double>(static_cast<float>(-0.060)));
    CHECK(G[v][1].in(volt) == static_cast<double>(static_cast<float>(-0.055123456789)));
    CHECK(G[I][2].in(volt) == static_cast<double>(static_cast<float>(-0.050)));
    const auto si = G[v].si_values();
    CHECK(si(1) == static_cast<float>(-0.055123456789));
    CHECK(G[v].in(mV)(0) == doctest::Approx(-60.0).epsilon(1e-7));
}

TEST_CASE("precision<float>: the update loop computes in float") {
    // One exact step of dv/dt = (I - v)/tau is x_inf + v·p − x_inf·p with x_inf = I and
    // p = exp(-dt/tau) (computed once per step in double, then rounded to float): in float
    // arithmetic, bit for bit, and not the double computation rounded once.
    neuron_group<relax, precision<float>> G(64);
    G[v] = -70_mV + 0.37_mV * i;
    G[I] = -40_mV - 0.11_mV * i;
    std::vector<float> v0(64), drive(64);
    for (std::size_t k = 0; k < 64; ++k) {
        v0[k] = static_cast<float>(G[v][k].in(volt));
        drive[k] = static_cast<float>(G[I][k].in(volt));
    }
    network net(G);
    net.run(0.1_ms);
    const float p = static_cast<float>(brian::detail::exp(-1.0 * 1e-4 / 0.010));
    const double pd = brian::detail::exp(-1.0 * 1e-4 / 0.010);
    std::size_t differs_from_double = 0;
    for (std::size_t k = 0; k < 64; ++k) {
        const float x_inf = drive[k];
        const float want = x_inf + v0[k] * p + (-x_inf) * p;
        CHECK(G.raw<std::remove_cvref_t<decltype(v)>>()[k] == want);
        const double xd = x_inf, in_double = xd + static_cast<double>(v0[k]) * pd + (-xd) * pd;
        differs_from_double += static_cast<float>(in_double) != want;
    }
    CHECK(differs_from_double > 0);  // the two computations are distinguishable on these values
}

TEST_CASE("precision<float>: relaxation within the rounding bound of the closed form and of double") {
    // The exact update x_inf + v·a − x_inf·a in float rounds four times per step (|v·a|,
    // |x_inf·a| and the result up to 70 mV, the first sum up to 140 mV), and the update
    // contracts errors by a = exp(-dt/tau): below the per-step rounding / (1 - a). The
    // propagator itself rounded to float (|Δa| ≤ half an ulp of a) shifts the transient
    // by at most |v0 − x_inf|·max_n n·a^(n−1)·|Δa| ≤ 50 mV·|Δa| / (e·a·(1 − a)).
    constexpr std::size_t count = 50;
    neuron_group<relax, precision<float>> F(count);
    neuron_group<relax> D(count);
    F[v] = -70_mV;
    D[v] = -70_mV;
    F[I] = -70_mV + 1_mV * i;
    D[I] = -70_mV + 1_mV * i;
    state_monitor MF(F, record(v));
    state_monitor MD(D, record(v));
    network net(F, D, MF, MD);
    net.run(200_ms);
    const auto vf = MF[v];
    const auto vd = MD[v];
    const double a = std::exp(-0.1 / 10.0);
    const double per_step = 3 * half_ulp(0.070) + half_ulp(0.140);
    const double transient = 0.050 * half_ulp(a) / (std::exp(1.0) * a * (1.0 - a));
    const double bound = per_step / (1.0 - a) + transient + half_ulp(0.070);  // + the initial rounding
    double worst_closed = 0.0, worst_double = 0.0, worst_double_closed = 0.0;
    for (std::size_t k = 0; k < count; ++k) {
        const double drive = static_cast<double>(static_cast<float>(-0.070 + 0.001 * static_cast<double>(k)));
        for (std::size_t s = 0; s < vf.shape(1); ++s) {
            const double t = 1e-4 * static_cast<double>(s);
            const double closed = drive + (-0.070 - drive) * std::exp(-t / 0.010);
            worst_closed = std::max(worst_closed, std::abs(vf(k, s) - closed));
            worst_double = std::max(worst_double, std::abs(vf(k, s) - vd(k, s)));
            const double drive_d = D[I][k].in(volt);
            const double closed_d = drive_d + (-0.070 - drive_d) * std::exp(-t / 0.010);
            worst_double_closed = std::max(worst_double_closed, std::abs(vd(k, s) - closed_d));
        }
    }
    MESSAGE("float vs closed form: " << worst_closed << " V, vs double: " << worst_double << " V, bound " << bound
                                     << " V; double vs closed form " << worst_double_closed << " V");
    CHECK(worst_closed <= bound);
    CHECK(worst_double <= bound + 1e-12);
    CHECK(worst_closed > 0.0);  // the storage really is float: double is ~1e-16 V from the closed form
    CHECK(worst_double_closed < 1e-12);
}

TEST_CASE("precision<float>: LIF spike trains as in double, refractoriness exact") {
    // Regular firing at drives -49.5 ... -20 mV for 2 s (10 to 150 spikes per neuron). A
    // spike moves by a step only where v passes the threshold within the float error of
    // it (a few 1e-9 V against a rise of 1e-5 to 3e-3 V per step).
    constexpr std::size_t count = 60;
    const auto [tf, td, double_spikes] = float_and_double_trains<lif>(count, 2_s, [](auto& G) {
        G[v] = Vr;
        G[I] = -49.5_mV + 0.5_mV * i;
    });
    std::size_t identical = 0;
    for (std::size_t k = 0; k < count; ++k) {
        CHECK(std::abs(static_cast<long>(tf[k].size()) - static_cast<long>(td[k].size())) <= 1);
        identical += tf[k] == td[k];
        // Refractoriness is counted in steps of a double lastspike: every interval in float
        // is at least the 20 refractory steps plus one.
        for (std::size_t s = 1; s < tf[k].size(); ++s) CHECK(tf[k][s] - tf[k][s - 1] > 20);
    }
    MESSAGE(identical << " of " << count << " float spike trains identical to double");
    CHECK(identical >= count * 9 / 10);
    CHECK(double_spikes > 2000);
}

TEST_CASE("precision<float>: Hodgkin-Huxley spike times within a step of double") {
    constexpr std::size_t count = 20;
    [[maybe_unused]] const auto [tf, td, double_spikes] = float_and_double_trains<hh>(count, 500_ms, [](auto& G) {
        G[v] = El;
        G[Iinj] = 0.5_nA + 0.1_nA * i;
    });
    std::int64_t worst = 0;
    std::size_t compared = 0;
    for (std::size_t k = 0; k < count; ++k) {
        REQUIRE(tf[k].size() == td[k].size());
        for (std::size_t s = 0; s < tf[k].size(); ++s, ++compared)
            worst = std::max(worst, std::abs(tf[k][s] - td[k][s]));
    }
    MESSAGE(compared << " HH spikes compared, largest shift " << worst << " steps");
    CHECK(compared > 200);
    CHECK(worst <= 1);
}

TEST_CASE("precision<float>: synapses, the conditional write, summed and poisson_input on float storage") {
    SUBCASE("on_pre adds to a float target; a refractory target keeps its unless_refractory value") {
        neuron_group<lif, precision<float>> G(2);
        G[v] = Vr;
        G[I] = Vr;
        G[lastspike][1] = 0_ms;  // neuron 1 refractory until 2 ms
        spike_generator_group S(1, {0}, {1.0}, ms);
        synapses syn(S, G, on_pre(post(ge) += 3_mV));
        syn.connect();
        network net(S, G, syn);
        net.run(1.1_ms);  // the spike arrives at 1 ms: after the update of that step
        CHECK(G[ge][0].in(mV) == doctest::Approx(3.0).epsilon(1e-6));
        CHECK(G[ge][1].in(mV) == 0.0);
    }
    SUBCASE("summed into a float target") {
        neuron_group<sink, precision<float>> G(2);
        neuron_group<relax> src(3);
        src[v] = 1_mV * (i + 1);
        synapses S(src, G, synapse_model(summed(post(Isyn) = w * pre(v) / volt)), "sum");
        S.connect();
        S[w] = 2_mV;
        network net(src, G, S);
        net.run(0.1_ms);
        // Summed before the update, from the initial values: 2 mV · (1 + 2 + 3) mV / V.
        CHECK(G[Isyn][0].in(volt) == doctest::Approx(2e-3 * 6e-3).epsilon(1e-6));
        CHECK(G[Isyn][1].in(volt) == doctest::Approx(2e-3 * 6e-3).epsilon(1e-6));
    }
    SUBCASE("poisson_input draws the same counts into float and double storage") {
        // seed() restarts the object numbering: both groups get the same random streams.
        auto drive = []<class P>(P) {
            seed(5);
            neuron_group<relax, P> G(500);
            poisson_input in(G, v, 100, 50_Hz, 0.25_mV, "in");
            network net(G, in);
            net.run(5_ms);
            std::vector<double> out;
            for (std::size_t k = 0; k < 500; ++k) out.push_back(G[v][k].in(volt));
            return out;
        };
        const auto f = drive(precision<float>{});
        const auto d = drive(precision<double>{});
        double worst = 0.0, total = 0.0;
        for (std::size_t k = 0; k < 500; ++k) {
            worst = std::max(worst, std::abs(f[k] - d[k]));
            total += d[k];
        }
        CHECK(total > 0.0);
        CHECK(worst < 1e-7);  // float rounding (50 steps of a few mV), not a different draw (0.25 mV)
    }
}

TEST_CASE("precision<float>: store and restore, linked variables, threads") {
    SUBCASE("store/restore brings back the float state and lastspike") {
        neuron_group<lif, precision<float>> G(30);
        G[v] = Vr;
        G[I] = -40_mV;
        network net(G);
        net.run(20_ms);
        net.store();
        const double v5 = G[v][5].in(volt), ls5 = G[lastspike][5].in(second);
        net.run(7_ms);
        CHECK(G[v][5].in(volt) != v5);
        net.restore();
        CHECK(G[v][5].in(volt) == v5);
        CHECK(G[lastspike][5].in(second) == ls5);
        CHECK(ls5 > 0.0);
    }
    SUBCASE("a float group links to a float group's variable") {
        neuron_group<relax, precision<float>> P(2);
        P[v] = -50_mV;
        neuron_group<follower, precision<float>> G(2);
        G.link(v_src, P[v]);
        network net(P, G);
        net.run(0.1_ms);
        CHECK(G[v][0].in(mV) < -0.4);
    }
    SUBCASE("spikes of a float network identical on 1 and 2 threads") {
        auto run = [](unsigned threads) {
            seed(3);
            neuron_group<lif, precision<float>> G(40000);
            G[v] = Vr + brian::rand() * (Vt - Vr);
            G[I] = -45_mV;
            synapses S(G, G, on_pre(post(ge) += 0.5_mV));
            S.connect(probability(0.001));
            spike_monitor M(G);
            network net(G, S, M);
            net.set_threads(threads);
            net.run(20_ms);
            return std::pair{std::vector<std::int64_t>(M.steps().begin(), M.steps().end()), M.i()};
        };
        const auto [s1, i1] = run(1);
        const auto [s2, i2] = run(2);
        REQUIRE(s1.size() > 1000);
        CHECK(s1 == s2);
        CHECK(i1 == i2);
    }
}
