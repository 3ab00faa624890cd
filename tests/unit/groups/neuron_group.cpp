// brian/groups/neuron_group.hpp, subgroup.hpp, variable_view.hpp: state access (quantities,
// expressions of i and N, random numbers, elements, values in a unit, set from numbers and
// its errors), subgroups, shared and linked variables, refractoriness (a time, a parameter,
// a condition), reset sequences and custom events.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr state<"x", volt> x;
inline constexpr parameter<"RI", volt> RI;
inline constexpr parameter<"tref", second> tref;
inline constexpr parameter<"w", volt> w;
inline constexpr parameter<"slope", dimensionless> slope;
inline constexpr parameter<"n_up", dimensionless> n_up;
inline constexpr shared<"I0", volt> I0;
inline constexpr linked<"v_src", volt> v_src;

constexpr auto El = -70_mV, Vr = -70_mV, Vt = -50_mV;

// The LIF of the README: with RI = 10 V a neuron crosses the threshold in one step from Vr,
// so the interspike interval is exactly the refractory period.
inline constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v + RI) / 20_ms | unless_refractory),
                                         threshold(v > Vt), reset(v = Vr), refractory(2_ms), method::exact);
// Refractoriness from a per-neuron parameter.
inline constexpr auto lif_tref = neuron_model(equations(d(v) / dt = (El - v + RI) / 20_ms | unless_refractory),
                                              threshold(v > Vt), reset(v = Vr), refractory(tref), method::exact);
// Refractoriness as a condition: after a spike the neuron is reset to 40 mV and stays
// refractory while v > 20 mV, decaying towards 15 mV.
inline constexpr auto lif_cond = neuron_model(equations(d(v) / dt = (15_mV - v) / 10_ms), threshold(v > 10_mV),
                                              reset(v = 40_mV), refractory(v > 20_mV), method::exact);
// Relaxation towards a shared value.
inline constexpr auto relax = neuron_model(equations(d(v) / dt = (I0 - v) / 10_ms), method::exact);
// A ramp of `slope` V/s, reset statements whose order matters, and a custom event.
inline constexpr auto ramp = neuron_model(equations(d(v) / dt = slope * volt / second), threshold(v > 5.05_mV),
                                          reset(w += 1_mV, w = 2 * w, v = w - 2_mV),
                                          events(event<"above">(v > 2.05_mV, n_up += 1)), method::euler);
// Relaxation towards another group's variable.
inline constexpr auto follower = neuron_model(equations(d(x) / dt = (v_src - x) / 10_ms), method::exact);

using brian_test::what_of;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("neuron_group: size, name, default dt and initial values") {
    neuron_group<lif> G(5);
    CHECK(G.size() == 5);
    CHECK(G.name() == "neurongroup");
    CHECK(G.clock().dt() == doctest::Approx(1e-4));
    CHECK(G.clock().step() == 0);
    for (std::size_t k = 0; k < 5; ++k) {
        CHECK(G[v][k].in(mV) == 0.0);
        CHECK(G[RI][k].in(mV) == 0.0);
        CHECK(G[lastspike][k].in(second) == doctest::Approx(-1e4));  // Brian's "never spiked"
        CHECK(G[not_refractory].si_values()(k) == 1.0);
    }
    neuron_group<lif> H(3, "exc");
    CHECK(H.name() == "exc");
}

TEST_CASE("neuron_group: setting all elements to a quantity and by an expression of i and N") {
    neuron_group<lif> G(5);
    G[v] = -60_mV;
    for (std::size_t k = 0; k < 5; ++k) CHECK(G[v][k].in(mV) == doctest::Approx(-60.0));
    G[RI] = 20_mV + 20_mV * i / (N - 1);
    const auto ri = G[RI].in(mV);
    REQUIRE(ri.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) CHECK(ri(k) == doctest::Approx(20.0 + 5.0 * static_cast<double>(k)));
    // An expression reading other variables, per element.
    G[v] = El + RI / 2;
    for (std::size_t k = 0; k < 5; ++k) CHECK(G[v][k].in(mV) == doctest::Approx(-70.0 + ri(k) / 2));
    // Reading the variable being set: the old value of the same element.
    G[v] = v - 1_mV * i;
    for (std::size_t k = 0; k < 5; ++k)
        CHECK(G[v][k].in(mV) == doctest::Approx(-70.0 + ri(k) / 2 - static_cast<double>(k)));
}

TEST_CASE("neuron_group: brian::rand() in an assignment: in range, varied, reproducible with seed") {
    auto draw = [](std::uint64_t s) {
        seed(s);
        neuron_group<lif> G(400);
        G[v] = Vr + brian::rand() * (Vt - Vr);
        return G[v].in(mV);
    };
    const auto a = draw(42);
    double sum = 0;
    std::set<double> distinct;
    for (std::size_t k = 0; k < a.size(); ++k) {
        CHECK(a(k) >= -70.0);
        CHECK(a(k) < -50.0);
        sum += a(k);
        distinct.insert(a(k));
    }
    CHECK(distinct.size() == a.size());
    // Mean of U(-70, -50) is -60; its standard error here is 20/sqrt(12·400) ≈ 0.29 mV.
    CHECK(std::abs(sum / static_cast<double>(a.size()) + 60.0) < 1.5);

    const auto b = draw(42);
    CHECK(a == b);  // same seed, same program: same numbers
    const auto c = draw(43);
    CHECK(a != c);

    // Two assignments on one group draw different numbers.
    seed(5);
    neuron_group<lif> G(50);
    G[v] = brian::rand() * 1_mV;
    const auto first = G[v].in(mV);
    G[v] = brian::rand() * 1_mV;
    CHECK(first != G[v].in(mV));
}

TEST_CASE("neuron_group: element access, values in a unit, SI values without a copy") {
    neuron_group<lif> G(5);
    G[v] = -70_mV;
    G[v][3] = -55_mV;
    CHECK(G[v][3].in(mV) == doctest::Approx(-55.0));
    CHECK(G[v][2].in(mV) == doctest::Approx(-70.0));
    CHECK(G[v][3].in(volt) == doctest::Approx(-0.055));
    const units::quantity<boost::units::si::electric_potential> q = G[v][3];
    CHECK(q.value() == doctest::Approx(-0.055));
    CHECK(G[v][3].value().value() == doctest::Approx(-0.055));

    const auto in_mv = G[v].in(mV);
    CHECK(in_mv.size() == 5);
    CHECK(in_mv(3) == doctest::Approx(-55.0));
    CHECK(in_mv(0) == doctest::Approx(-70.0));

    auto si = G[v].si_values();
    REQUIRE(si.size() == 5);
    CHECK(si(3) == doctest::Approx(-0.055));
    G[v][1] = -65_mV;  // no copy: the view sees the change
    CHECK(si(1) == doctest::Approx(-0.065));
    CHECK(G[v].data() == &si(0));
}

/// Reads through a const reference only.
double sum_in_mv(const neuron_group<relax>& G) {
    double sum = 0;
    for (std::size_t k = 0; k < G.size(); ++k) sum += G[v][k].in(mV);
    return sum + G[v].in(mV)(0) - G[v].si_values()(0) / 1e-3 + G[I0][0].in(mV);
}

TEST_CASE("neuron_group: reading the variables of a const group") {
    neuron_group<relax> G(3);
    G[v] = -70_mV + 1_mV * i;
    G[I0] = 2_mV;
    const auto& C = G;
    CHECK(C[v][2].in(mV) == doctest::Approx(-68.0));
    const units::quantity<boost::units::si::electric_potential> q = C[v][1];
    CHECK(q.value() == doctest::Approx(-0.069));
    CHECK(C[v].size() == 3);
    CHECK(C[v].in(mV)(0) == doctest::Approx(-70.0));
    CHECK(C[v].data() == G[v].data());
    static_assert(std::is_same_v<decltype(C[v].data()), const double*>);
    CHECK(sum_in_mv(G) == doctest::Approx(-207.0 + 2.0));
}

TEST_CASE("neuron_group: a dimensionless variable reads as a number") {
    neuron_group<ramp> G(2);
    G[slope] = 0.25 + i;
    const double s1 = G[slope][1];
    CHECK(s1 == doctest::Approx(1.25));
    CHECK(double(G[slope][0]) == doctest::Approx(0.25));
    CHECK(std::sqrt(G[slope][0]) == doctest::Approx(0.5));
}

TEST_CASE("neuron_group: set(values, unit) and its errors") {
    neuron_group<lif> G(4);
    G[v].set(std::vector{-60.0, -61.0, -62.0, -63.0}, mV);
    for (std::size_t k = 0; k < 4; ++k) CHECK(G[v][k].in(mV) == doctest::Approx(-60.0 - static_cast<double>(k)));
    G[RI].set(std::vector<int>{1, 2, 3, 4}, volt);
    CHECK(G[RI][3].in(mV) == doctest::Approx(4000.0));

    SUBCASE("wrong number of values") {
        CHECK_THROWS_AS(G[v].set(std::vector{1.0, 2.0, 3.0}, mV), std::invalid_argument);
        const auto msg = what_of([&] { G[v].set(std::vector{1.0, 2.0, 3.0, 4.0, 5.0}, mV); });
        CHECK(contains(msg, "brian:"));
        CHECK(contains(msg, "5 values"));
        CHECK(contains(msg, "4 elements"));
        // Nothing was written.
        CHECK(G[v][0].in(mV) == doctest::Approx(-60.0));
    }
    SUBCASE("index out of range") {
        CHECK_THROWS_AS(G[v][4], std::out_of_range);
        CHECK_THROWS_AS(G[v][4] = 1_mV, std::out_of_range);
        const auto msg = what_of([&] { (void)G[v][7].in(mV); });
        CHECK(contains(msg, "brian:"));
        CHECK(contains(msg, "index 7"));
        CHECK(contains(msg, "0 to 3"));
        CHECK_NOTHROW(G[v][3]);
    }
}

TEST_CASE("subgroup: assignment affects the slice only, i and N are relative") {
    neuron_group<lif> G(6);
    G[v] = -70_mV;
    auto sub = G.slice(2, 5);
    CHECK(sub.size() == 3);
    CHECK(sub.offset() == 2);
    CHECK(&sub.parent() == &G);
    sub[v] = -50_mV;
    const auto vals = G[v].in(mV);
    CHECK(vals(0) == doctest::Approx(-70.0));
    CHECK(vals(1) == doctest::Approx(-70.0));
    CHECK(vals(2) == doctest::Approx(-50.0));
    CHECK(vals(3) == doctest::Approx(-50.0));
    CHECK(vals(4) == doctest::Approx(-50.0));
    CHECK(vals(5) == doctest::Approx(-70.0));

    sub[RI] = 1_mV * i + 100_mV * N;  // i in 0..2, N = 3
    CHECK(G[RI][1].in(mV) == 0.0);
    CHECK(G[RI][2].in(mV) == doctest::Approx(300.0));
    CHECK(G[RI][3].in(mV) == doctest::Approx(301.0));
    CHECK(G[RI][4].in(mV) == doctest::Approx(302.0));
    CHECK(G[RI][5].in(mV) == 0.0);

    // Element access and set(values, unit) are relative too.
    CHECK(sub[RI][0].in(mV) == doctest::Approx(300.0));
    sub[v][1] = -40_mV;
    CHECK(G[v][3].in(mV) == doctest::Approx(-40.0));
    sub[v].set(std::vector{1.0, 2.0, 3.0}, mV);
    CHECK(G[v][4].in(mV) == doctest::Approx(3.0));
    CHECK(G[v][5].in(mV) == doctest::Approx(-70.0));
    CHECK(sub[v].in(mV).size() == 3);
    CHECK_THROWS_AS(sub[v][3], std::out_of_range);
    CHECK_THROWS_AS(sub[v].set(std::vector{1.0, 2.0}, mV), std::invalid_argument);
}

TEST_CASE("subgroup: invalid slices throw") {
    neuron_group<lif> G(4);
    CHECK_THROWS_AS(G.slice(3, 2), std::out_of_range);
    CHECK_THROWS_AS(G.slice(0, 5), std::out_of_range);
    CHECK(contains(what_of([&] { G.slice(2, 9); }), "brian:"));
    CHECK_NOTHROW(G.slice(4, 4));
    CHECK_NOTHROW(G.slice(0, 4));
}

TEST_CASE("subgroup: a spike monitor on a slice reports indices relative to it") {
    neuron_group<lif> G(6);
    G[v] = El;
    G[RI] = 21_mV + 3_mV * i;  // all above threshold drive, increasing rates
    auto sub = G.slice(2, 5);
    spike_monitor all(G);
    spike_monitor part(sub);
    network net(G, all, part);
    net.run(100_ms);

    // The slice monitor sees exactly neurons 2..4, shifted by 2, at the same steps.
    std::vector<std::pair<std::int64_t, std::int32_t>> expected, got;
    const auto ia = all.i();
    for (std::size_t k = 0; k < all.num_spikes(); ++k)
        if (ia(k) >= 2 && ia(k) < 5) expected.emplace_back(all.steps()[k], ia(k) - 2);
    const auto ip = part.i();
    for (std::size_t k = 0; k < part.num_spikes(); ++k) got.emplace_back(part.steps()[k], ip(k));
    REQUIRE(!expected.empty());
    CHECK(got == expected);
    const auto c = part.count();
    REQUIRE(c.size() == 3);
    const auto ca = all.count();
    for (std::size_t k = 0; k < 3; ++k) CHECK(c(k) == ca(k + 2));
    CHECK(ca(5) > ca(2));
}

TEST_CASE("neuron_group: shared variables: one value, read by every neuron, changed between runs") {
    neuron_group<relax> G(4);
    G[v] = 1_mV * i;
    G[I0] = 10_mV;
    CHECK(G[I0].size() == 1);
    CHECK(G[I0][0].in(mV) == doctest::Approx(10.0));
    CHECK_THROWS_AS(G[I0][1], std::out_of_range);
    network net(G);
    net.run(5_ms);
    const double e = std::exp(-0.5);
    for (std::size_t k = 0; k < 4; ++k) {
        const double v0 = static_cast<double>(k);
        CHECK(G[v][k].in(mV) == doctest::Approx(10.0 + (v0 - 10.0) * e).epsilon(1e-9));
    }
    G[I0] = -10_mV;
    net.run(5_ms);
    for (std::size_t k = 0; k < 4; ++k) {
        const double v1 = 10.0 + (static_cast<double>(k) - 10.0) * e;
        CHECK(G[v][k].in(mV) == doctest::Approx(-10.0 + (v1 + 10.0) * e).epsilon(1e-9));
    }
    // An assignment reading the shared value.
    G[v] = 2 * I0;
    CHECK(G[v][3].in(mV) == doctest::Approx(-20.0));
    // A shared variable seen through a subgroup is still the one value.
    auto sub = G.slice(1, 3);
    CHECK(sub[I0][0].in(mV) == doctest::Approx(-10.0));
    CHECK(sub[I0].in(mV)(0) == doctest::Approx(-10.0));
}

TEST_CASE("refractoriness as a time: interspike interval, lastspike and not_refractory") {
    neuron_group<lif> G(2);
    G[v] = El;
    G[RI].set(std::vector{10.0, 0.0}, volt);  // neuron 0 crosses in one step; neuron 1 never
    spike_monitor spikes(G);
    network net(G, spikes);
    net.run(5_ms);                                    // steps 0..49
    const std::vector<std::int64_t> want{0, 20, 40};  // 2 ms = 20 steps
    CHECK(std::vector<std::int64_t>(spikes.steps().begin(), spikes.steps().end()) == want);
    CHECK(G[lastspike][0].in(ms) == doctest::Approx(4.0));
    CHECK(G[lastspike][1].in(second) == doctest::Approx(-1e4));
    // Step 49: 0.9 ms after the last spike, still refractory; neuron 1 never was.
    CHECK(G[not_refractory].si_values()(0) == 0.0);
    CHECK(G[not_refractory].si_values()(1) == 1.0);
    // A byte per neuron (synapses read it per event), in either precision.
    static_assert(std::is_same_v<decltype(G[not_refractory])::value_type, std::uint8_t>);
    using float_group = neuron_group<lif, precision<float>>;
    static_assert(std::is_same_v<decltype(std::declval<float_group&>()[not_refractory])::value_type, std::uint8_t>);
    // unless_refractory: the reset value is held during the refractory period.
    CHECK(G[v][0].in(mV) == doctest::Approx(-70.0));
}

TEST_CASE("refractoriness as a per-neuron parameter") {
    neuron_group<lif_tref> G(4);
    G[v] = El;
    G[RI] = 10 * volt;
    G[tref].set(std::vector{0.0, 1.0, 2.55, 5.0}, ms);  // timestep: 0, 10, 25, 50 steps
    spike_monitor spikes(G);
    network net(G, spikes);
    net.run(12_ms);
    const auto trains = spikes.spike_trains();
    REQUIRE(trains.size() == 4);
    const std::vector<double> isi_steps{1, 10, 25, 50};
    for (std::size_t k = 0; k < 4; ++k) {
        CAPTURE(k);
        REQUIRE(trains[k].size() >= 2);
        CHECK(trains[k](0) == 0.0);
        for (std::size_t s = 1; s < trains[k].size(); ++s)
            CHECK((trains[k](s) - trains[k](s - 1)) / 1e-4 == doctest::Approx(isi_steps[k]));
    }
    CHECK(trains[0].size() == 120);
    CHECK(trains[1].size() == 12);
    CHECK(trains[2].size() == 5);
    CHECK(trains[3].size() == 3);
}

TEST_CASE("refractoriness as a condition: refractory until the condition ends") {
    // From 0 towards 15 mV (tau 10 ms): v > 10 mV after 110 updates, i.e. at step 109.
    // Reset to 40 mV, the neuron is refractory while v > 20 mV at the start of a step:
    // v = 15 + 25 exp(-(k-1) dt / tau) at step n + k, <= 20 mV first for k = 162; then the
    // threshold holds at once, so the interspike interval is 162 steps.
    neuron_group<lif_cond> G(1);
    spike_monitor spikes(G);
    network net(G, spikes);
    net.run(55_ms);
    const std::vector<std::int64_t> want{109, 109 + 162, 109 + 2 * 162};
    CHECK(std::vector<std::int64_t>(spikes.steps().begin(), spikes.steps().end()) == want);
    CHECK(G[lastspike][0].in(ms) == doctest::Approx(43.3));
}

TEST_CASE("reset: statements run in order, on the spiking neurons only") {
    neuron_group<ramp> G(2);
    G[slope].set(std::vector{1.0, 0.0}, dimensionless);  // neuron 1 never moves
    spike_monitor spikes(G, record(v, w));
    network net(G, spikes);
    // Ramp of 0.1 mV per step: the first spike at step 50 (v = 5.1 mV); the reset gives
    // w = 2 (0 + 1) = 2 mV, then v = w - 2 mV = 0 mV (reading the new w).
    net.run(5.1_ms);  // steps 0..50
    REQUIRE(spikes.num_spikes() == 1);
    CHECK(spikes.steps()[0] == 50);
    CHECK(spikes.values(v)(0) == doctest::Approx(5.1e-3));
    CHECK(spikes.values(w)(0) == doctest::Approx(0.0));  // recorded at the threshold, before the reset
    CHECK(G[w][0].in(mV) == doctest::Approx(2.0));
    CHECK(G[v][0].in(mV) == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(G[w][1].in(mV) == 0.0);
    // Second spike: 51 steps later, w = 2 (2 + 1) = 6 mV, v = 4 mV.
    net.run(5.1_ms);  // steps 51..101
    REQUIRE(spikes.num_spikes() == 2);
    CHECK(spikes.steps()[1] == 101);
    CHECK(G[w][0].in(mV) == doctest::Approx(6.0));
    CHECK(G[v][0].in(mV) == doctest::Approx(4.0));
}

TEST_CASE("custom events: event_monitor and the event's statements") {
    neuron_group<ramp> G(3);
    // Slopes 1, 2, 0 V/s: v after the update of step s is slope·(s+1)·0.1 mV; the event
    // v > 2.05 mV holds from step 20 (slope 1) and step 10 (slope 2). The spike reset at
    // v > 5.05 mV (step 50 and 25) lowers v again: count with a short run before it.
    G[slope].set(std::vector{1.0, 2.0, 0.0}, dimensionless);
    auto above = event_monitor<"above">(G);
    spike_monitor spikes(G);
    network net(G, above, spikes);
    net.run(2.5_ms);  // steps 0..24, no spike yet
    CHECK(spikes.num_spikes() == 0);
    const auto c = above.count();
    REQUIRE(c.size() == 3);
    CHECK(c(0) == 5);   // steps 20..24
    CHECK(c(1) == 15);  // steps 10..24
    CHECK(c(2) == 0);
    for (std::size_t k = 0; k < 3; ++k) CHECK(G[n_up][k].value().value() == doctest::Approx(static_cast<double>(c(k))));
    // Events of a step are reported in index order, stamped with the step.
    CHECK(above.i()(0) == 1);
    CHECK(above.steps()[0] == 10);
    const auto trains = above.spike_trains();
    CHECK(trains[0](0) == doctest::Approx(2.0e-3));
    CHECK(trains[1](0) == doctest::Approx(1.0e-3));
}

TEST_CASE("linked variables: element-wise, with an index, and their errors") {
    neuron_group<lif> P(3, "source");
    P[RI].set(std::vector{10.0, 20.0, 30.0}, mV);

    SUBCASE("element k reads source element k") {
        neuron_group<follower> G(3);
        G.link(v_src, P[RI]);
        network net(G);
        net.run(10_ms);
        const double f = 1 - std::exp(-1.0);
        for (std::size_t k = 0; k < 3; ++k)
            CHECK(G[x][k].in(mV) == doctest::Approx(10.0 * static_cast<double>(k + 1) * f).epsilon(1e-9));
        // The link reads the source's current values.
        P[RI] = 0_mV;
        net.run(10_ms);
        CHECK(G[x][2].in(mV) == doctest::Approx(30.0 * f * std::exp(-1.0)).epsilon(1e-9));
    }
    SUBCASE("with an index per neuron") {
        neuron_group<follower> G(2);
        G.link(v_src, P[RI], {2, 0});
        network net(G);
        net.run(10_ms);
        const double f = 1 - std::exp(-1.0);
        CHECK(G[x][0].in(mV) == doctest::Approx(30.0 * f).epsilon(1e-9));
        CHECK(G[x][1].in(mV) == doctest::Approx(10.0 * f).epsilon(1e-9));
    }
    SUBCASE("to a subgroup's variable") {
        neuron_group<follower> G(2);
        G.link(v_src, P.slice(1, 3)[RI]);
        network net(G);
        net.run(10_ms);
        const double f = 1 - std::exp(-1.0);
        CHECK(G[x][0].in(mV) == doctest::Approx(20.0 * f).epsilon(1e-9));
        CHECK(G[x][1].in(mV) == doctest::Approx(30.0 * f).epsilon(1e-9));
    }
    SUBCASE("errors") {
        neuron_group<follower> G(2);
        CHECK_THROWS_AS(G.link(v_src, P[RI]), std::invalid_argument);  // 2 neurons, 3 sources
        CHECK(contains(what_of([&] { G.link(v_src, P[RI]); }), "brian:"));
        CHECK_THROWS_AS(G.link(v_src, P[RI], {0, 1, 2}), std::invalid_argument);  // 3 indices for 2
        CHECK_THROWS_AS(G.link(v_src, P[RI], {0, 3}), std::out_of_range);
        CHECK_THROWS_AS(G.link(v_src, P[RI], {-1, 0}), std::out_of_range);
        // Not linked: the run refuses to start.
        network net(G);
        CHECK_THROWS_AS(net.run(1_ms), std::logic_error);
        CHECK(contains(what_of([&] { net.run(1_ms); }), "not linked"));
        CHECK(G.clock().step() == 0);
    }
}
