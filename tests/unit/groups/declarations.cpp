// brian/equations/equations.hpp, groups/layout.hpp: a parameter, shared or linked symbol
// listed in equations(...) is a declaration (Brian's `x : unit` line): the group stores it
// although no equation, threshold or reset uses it, so that synapses can write it.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <type_traits>

using namespace brian;
using namespace brian::literals;

namespace declarations_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr parameter<"y", volt> y;
inline constexpr shared<"gain", dimensionless> gain;

// Spikes at the first step: v starts above threshold, reset to 0.
inline constexpr auto spiker = neuron_model(equations(d(v) / dt = -v / 10_ms), threshold(v > 1_mV), reset(v = 0_mV),
                                            method::exact);
// Brian's `dv/dt = -v/(10*ms) : volt` plus `x : 1`: x is used by nothing of the model.
inline constexpr auto with_x = neuron_model(equations(d(v) / dt = -v / 10_ms, x));
// Brian's NeuronGroup(N, 'x : 1\ny : volt\ngain : 1 (shared)'): declarations only.
inline constexpr auto only_declared = neuron_model(equations(x, y, gain));
// A declared set spliced into another keeps its declarations.
inline constexpr auto spliced = neuron_model(equations(equations(x), d(v) / dt = -v / 10_ms));
// Without the declaration the group does not store x.
inline constexpr auto without_x = neuron_model(equations(d(v) / dt = -v / 10_ms));

static_assert(model_layout<decltype(with_x)>::stores<decltype(x)>);
static_assert(!model_layout<decltype(without_x)>::stores<decltype(x)>);
static_assert(model_layout<decltype(spliced)>::stores<decltype(x)>);
static_assert(model_layout<decltype(only_declared)>::n_states == 0);
static_assert(model_layout<decltype(only_declared)>::n_per_element == 2);  // x, y
static_assert(model_layout<decltype(only_declared)>::n_shared == 1);       // gain
static_assert(std::is_same_v<decltype(with_x.eqs)::declarations, expr::type_list<std::remove_cvref_t<decltype(x)>>>);

}  // namespace declarations_test

using namespace declarations_test;

TEST_CASE("declarations: a declared parameter is stored, set and read as any parameter") {
    neuron_group<with_x> G(3);
    CHECK(G[x].size() == 3);
    CHECK(double(G[x][1]) == 0.0);
    G[x] = 0.5 * i;
    CHECK(double(G[x][2]) == doctest::Approx(1.0));
    network net(G);
    net.run(1_ms);
    CHECK(double(G[x][2]) == doctest::Approx(1.0));  // nothing integrates it
}

TEST_CASE("declarations: a model of declarations only (no equation) runs") {
    neuron_group<only_declared> G(4);
    G[y] = -70_mV + 1_mV * i;
    G[gain] = 2.0;
    CHECK(G[gain].size() == 1);
    network net(G);
    net.run(1_ms);
    CHECK(G[y][3].in(mV) == doctest::Approx(-67.0));
    CHECK(double(G[gain][0]) == 2.0);
}

TEST_CASE("declarations: synapses write a declared variable (Brian's `x : 1` with on_pre='x += 1')") {
    neuron_group<spiker> P(2);
    neuron_group<with_x> G(3);
    neuron_group<only_declared> H(2);
    P[v] = 2_mV;  // both spike at the first step, then never again
    synapses S(P, G, on_pre(post(x) += 1.0));
    S.connect();
    synapses T(P, H, on_pre(post(x) += 1.0, post(y) += 2_mV));
    T.connect(one_to_one);
    network net(P, G, H, S, T);
    net.run(1_ms);
    for (std::size_t k = 0; k < 3; ++k) CHECK(double(G[x][k]) == 2.0);  // one spike of each source
    for (std::size_t k = 0; k < 2; ++k) {
        CHECK(double(H[x][k]) == 1.0);
        CHECK(H[y][k].in(mV) == doctest::Approx(2.0));
    }
}
