// brian/synapses/constant_add.hpp: on_pre code `post(x) += w` with w the same for every
// synapse runs a loop of its own; it must give exactly what the per-synapse evaluation
// gives (the same code with w a per-synapse variable), including Brian's conditional
// write onto refractory targets, subgroup targets, `-=`, float storage and threads.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace constant_add_test {

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr parameter<"I", volt> I;
inline constexpr parameter<"w", volt> w;

// v is unless_refractory (the conditional write), ge is not.
inline constexpr auto lif = neuron_model(
    equations(d(v) / dt = (I + ge - v) / 10_ms | unless_refractory, d(ge) / dt = -ge / 5_ms), threshold(v > -50_mV),
    reset(v = -60_mV), refractory(3_ms), method::exact);

inline constexpr auto fast_model = synapse_model(on_pre(post(v) += 0.7_mV, post(ge) -= 0.3_mV));
inline constexpr auto fast_v = synapse_model(on_pre(post(v) += 0.7_mV));
inline constexpr auto fast_ge = synapse_model(on_pre(post(ge) -= 0.3_mV));
inline constexpr auto generic_v = synapse_model(on_pre(post(v) += w));

template <class Syn>
constexpr bool uses_constant_add() {
    using path = std::tuple_element_t<0, typename Syn::pathways_type>;
    return detail::constant_post_add<typename path::statements_type, typename Syn::layout>::value;
}

struct result {
    std::vector<double> v, ge;
    std::vector<std::int64_t> steps;
    std::vector<std::int32_t> idx;
};

/// 3000 LIF neurons driven into firing, 30% random connections onto neurons [500, 3000):
/// `Fast` adds constants, else the same values come from per-synapse variables.
template <bool Fast, class P>
result run(unsigned threads) {
    seed(11);
    neuron_group<lif, P> G(3000);
    G[v] = -60_mV + brian::rand() * 10_mV;
    G[I] = -45_mV;
    auto target = G.slice(500, 3000);
    spike_monitor M(G);
    auto body = [&](auto& Sv, auto& Sge) {
        // 750 synapses per source: a step with 11 or more spikes has 8192 events or more
        // per pathway, which the network splits by target on 2 threads.
        Sv.connect(probability(0.3));
        Sge.connect(probability(0.3));
        if constexpr (!Fast) {
            Sv[w] = 0.7_mV;
            Sge[w] = -0.3_mV;
        }
        network net(G, Sv, Sge, M);
        net.set_threads(threads);
        net.run(100_ms);
    };
    if constexpr (Fast) {
        synapses Sv(G, target, fast_v, "sv");
        synapses Sge(G, target, fast_ge, "sge");
        static_assert(uses_constant_add<decltype(Sv)>() && uses_constant_add<decltype(Sge)>());
        body(Sv, Sge);
    } else {
        synapses Sv(G, target, generic_v, "sv");
        synapses Sge(G, target, synapse_model(on_pre(post(ge) += w)), "sge");
        static_assert(!uses_constant_add<decltype(Sv)>() && !uses_constant_add<decltype(Sge)>());
        body(Sv, Sge);
    }
    result r;
    for (std::size_t k = 0; k < 3000; ++k) {
        r.v.push_back(G[v][k].in(volt));
        r.ge.push_back(G[ge][k].in(volt));
    }
    r.steps.assign(M.steps().begin(), M.steps().end());
    for (std::size_t k = 0; k < M.steps().size(); ++k) r.idx.push_back(M.i()(k));
    return r;
}

}  // namespace constant_add_test

using namespace constant_add_test;

TEST_CASE("constant_add: the loop of post(x) += constant gives the per-synapse evaluation's results exactly") {
    static_assert(!detail::synapse_independent<decltype(pre(v))>);
    static_assert(!detail::synapse_independent<decltype(w * 2)>);
    static_assert(detail::synapse_independent<decltype(0.7_mV * exp(-t / 10_ms))>);
    static_assert(!detail::constant_post_add<
                  typename std::tuple_element_t<0, decltype(fast_model)::pathways_type>::statements_type,
                  synapse_layout<std::remove_cvref_t<decltype(fast_model)>>>::value);  // two statements: generic

    const auto generic = run<false, precision<double>>(1);
    const auto fast = run<true, precision<double>>(1);
    REQUIRE(generic.steps.size() > 2000);
    // Steps with enough events to split on 2 threads (11 spikes x 750 synapses > 8192).
    std::map<std::int64_t, int> per_step;
    for (auto s : generic.steps) ++per_step[s];
    CHECK(std::count_if(per_step.begin(), per_step.end(), [](const auto& e) { return e.second >= 11; }) > 50);
    CHECK(fast.steps == generic.steps);
    CHECK(fast.idx == generic.idx);
    CHECK(fast.v == generic.v);
    CHECK(fast.ge == generic.ge);
    // Neurons [0, 500) receive nothing: their ge stays exactly 0.
    CHECK(fast.ge[10] == 0.0);

    SUBCASE("on 2 threads") {
        const auto two = run<true, precision<double>>(2);
        CHECK(two.steps == generic.steps);
        CHECK(two.v == generic.v);
    }
    SUBCASE("on float storage") {
        const auto generic_f = run<false, precision<float>>(1);
        const auto fast_f = run<true, precision<float>>(1);
        CHECK(fast_f.steps == generic_f.steps);
        CHECK(fast_f.v == generic_f.v);
        CHECK(fast_f.ge == generic_f.ge);
    }
}
