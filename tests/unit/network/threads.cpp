// brian/network/execution.hpp, brian/detail/parallel.hpp: every spike bit-identical for 1,
// 2 and 3 threads and for repeated runs with one seed, on networks large enough that the
// neuron loops, the propagation (partitioned by target) and Poisson inputs really are
// split into chunks.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace threads_test {

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;
inline constexpr parameter<"w", volt> w;

// CUBA with noise: exact linear part, a random draw per neuron and step (keyed streams).
inline constexpr auto cuba_noisy = neuron_model(
    equations(d(v) / dt = ((ge + gi - (v + 49_mV)) / 20_ms + 2_mV * xi / sqrt(20_ms)) | unless_refractory,
              d(ge) / dt = -ge / 5_ms, d(gi) / dt = -gi / 10_ms),
    threshold(v > -50_mV), reset(v = -60_mV), refractory(5_ms), method::euler);

using spike_list = std::vector<std::pair<std::int32_t, double>>;

spike_list run_network(unsigned threads, std::uint64_t seed_value) {
    seed(seed_value);
    const std::size_t n = 20000, ne = 16000;
    neuron_group<cuba_noisy> P(n);
    P[v] = -60_mV + brian::rand() * 11_mV;  // a volley at the start: ~1400 excitatory spikes
    synapses Ce(P.slice(0, ne), P, synapse_model(on_pre(post(ge) += w)), "Ce");
    synapses Ci(P.slice(ne, n), P, on_pre(post(gi) += -9_mV), "Ci");
    Ce.connect(probability(0.004));
    Ci.connect(probability(0.004));
    Ce[w] = 1_mV + 2_mV * brian::rand();  // per-synapse weights: each target sums them in order
    poisson_input drive(P, ge, 200, 10_Hz, 0.1_mV);
    spike_monitor spikes(P);
    network net(P, Ce, Ci, drive, spikes);
    net.set_threads(threads);
    net.run(60_ms);
    spike_list out;
    const auto i = spikes.i();
    const auto t = spikes.t(ms);
    for (std::size_t k = 0; k < i.size(); ++k) out.emplace_back(i(k), t(k));
    return out;
}

}  // namespace threads_test

using namespace threads_test;

TEST_CASE("threads: spikes are bit-identical for 1, 2 and 3 threads and repeated runs") {
    const auto one = run_network(1, 7);
    REQUIRE(one.size() > 1000);
    // The first step's volley is ~1400 excitatory spikes, ~10^5 synaptic events: enough
    // for the propagation to be split by target (propagation_min_work = 8192).
    std::size_t volley = 0;
    for (const auto& [i, t] : one) volley += t == 0.0 && i < 16000;
    REQUIRE(volley * 80 > 4 * 8192);
    // Later steps with 1024 to 8192 events are split too, because P's update is split
    // (propagation_min_work_split_target): there are such steps.
    std::map<double, std::size_t> excitatory_per_step;
    for (const auto& [i, t] : one)
        if (i < 16000) ++excitatory_per_step[t];
    CHECK(std::count_if(excitatory_per_step.begin(), excitatory_per_step.end(),
                        [](const auto& step) { return step.second * 80 >= 1024 && step.second * 80 < 8192; }) > 10);
    CHECK(run_network(1, 7) == one);
    CHECK(run_network(2, 7) == one);
    CHECK(run_network(3, 7) == one);
    CHECK(run_network(2, 8) != one);
}

TEST_CASE("threads: the pool runs every chunk once, also when jobs follow each other closely") {
    detail::thread_pool pool(3);
    CHECK(pool.size() == 3);
    for (int round = 0; round < 2000; ++round) {
        std::vector<std::atomic<int>> hits(17);
        pool.run(hits.size(), [&](std::size_t c) { hits[c].fetch_add(1); });
        for (auto& h : hits) REQUIRE(h.load() == 1);
    }
    // Jobs of different sizes one after the other: a thread still leaving one job must not
    // combine its cursor with the next job's bounds (that ran chunks twice).
    const std::size_t sizes[] = {17, 3, 8, 2, 12, 5};
    std::vector<std::atomic<int>> hits(17);
    std::size_t twice = 0, missed = 0;
    for (int round = 0; round < 200000; ++round) {
        const std::size_t chunks = sizes[static_cast<std::size_t>(round) % std::size(sizes)];
        pool.run(chunks, [&](std::size_t c) { hits[c].fetch_add(1); });
        for (std::size_t c = 0; c < chunks; ++c) {
            const int h = hits[c].exchange(0);
            twice += h > 1;
            missed += h == 0;
        }
    }
    CHECK(twice == 0);
    CHECK(missed == 0);
}

TEST_CASE("threads: an exception in a chunk reaches the caller, and the pool runs on") {
    detail::thread_pool pool(2);
    for (int round = 0; round < 100; ++round) {
        std::vector<std::atomic<int>> hits(8);
        bool caught = false;
        try {
            pool.run(hits.size(), [&](std::size_t c) {
                hits[c].fetch_add(1);
                if (c == 5) throw std::runtime_error("brian: chunk 5 failed");
            });
        } catch (const std::runtime_error& e) {
            caught = std::string(e.what()) == "brian: chunk 5 failed";
        }
        REQUIRE(caught);
        for (auto& h : hits) REQUIRE(h.load() == 1);  // every other chunk still ran, once
    }
    std::atomic<int> total{0};
    pool.run(4, [&](std::size_t) { total.fetch_add(1); });
    CHECK(total.load() == 4);
}

TEST_CASE("threads: set_threads(0) takes the hardware threads; execution::threads in the constructor") {
    neuron_group<cuba_noisy> P(10);
    network a(P);
    CHECK(a.threads() == 1);
    a.set_threads(0);
    CHECK(a.threads() >= 1);
    network b(execution::threads{2}, P);
    CHECK(b.threads() == 2);
    b.run(1_ms);
}
