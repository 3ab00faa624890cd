// Random numbers (issue 5): brian's counter-based random_stream (Philox4x32-10) as the
// library uses it — one stream constructed per element and step, keyed by
// (seed, object, step, element), as neuron_group, poisson_group and poisson_input do with
// `random_stream rng(seed, id, step, i)` — and the binomial draws of poisson_input for
// Brunel 2000's external drive (n = 1000 sources at 20 Hz, p = 20 Hz * 0.1 ms = 0.002).
// Each iteration draws for 10^5 elements (one "step"); counter ns_per_draw (CPU time).
// - BM_uniform/draws_per_stream:k: a stream per element, k uniform() draws from it
//   (one Philox block gives two doubles).
// - BM_normal/draws_per_stream:k: the same with normal() (Box-Muller: two uniforms, log,
//   sqrt, sin and cos for a pair; the second of a pair is kept).
// - BM_binomial_brunel: a stream per element and one detail::binomial_sampler draw
//   (prepared once: a table of the distribution function, mean 2).
// - BM_std_*: for reference, one std::mt19937_64 for all draws (no per-element stream).
#include <cstddef>
#include <cstdint>
#include <random>

#include <benchmark/benchmark.h>

#include <brian/random/philox.hpp>
#include <brian/synapses/poisson_input.hpp>

namespace {

using brian::random_stream;

constexpr std::size_t n = 100'000;
constexpr std::uint64_t seed = 12345;
constexpr std::uint32_t object = 7;

void set_counters(benchmark::State& state, double draws_per_iteration) {
    const double draws = static_cast<double>(state.iterations()) * draws_per_iteration;
    state.counters["ns_per_draw"] = benchmark::Counter(draws * 1e-9,
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_uniform(benchmark::State& state) {
    const auto k = static_cast<int>(state.range(0));
    std::uint64_t step = 0;
    for (auto _ : state) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            random_stream rng(seed, object, step, i);
            for (int d = 0; d < k; ++d) sum += rng.uniform();
        }
        benchmark::DoNotOptimize(sum);
        ++step;
    }
    set_counters(state, static_cast<double>(n) * k);
}

void BM_normal(benchmark::State& state) {
    const auto k = static_cast<int>(state.range(0));
    std::uint64_t step = 0;
    for (auto _ : state) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            random_stream rng(seed, object, step, i);
            for (int d = 0; d < k; ++d) sum += rng.normal();
        }
        benchmark::DoNotOptimize(sum);
        ++step;
    }
    set_counters(state, static_cast<double>(n) * k);
}

void BM_binomial_brunel(benchmark::State& state) {
    brian::detail::binomial_sampler sampler;
    sampler.prepare(1000, 20.0 * 0.1e-3);
    std::uint64_t step = 0, total = 0;
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            random_stream rng(seed, object, step, i);
            sum += sampler.draw(rng);
        }
        benchmark::DoNotOptimize(sum);
        total += sum;
        ++step;
    }
    set_counters(state, static_cast<double>(n));
    state.counters["mean"] = static_cast<double>(total) / (static_cast<double>(state.iterations()) * n);
}

void BM_std_mt19937_uniform(benchmark::State& state) {
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> dist;
    for (auto _ : state) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) sum += dist(engine);
        benchmark::DoNotOptimize(sum);
    }
    set_counters(state, static_cast<double>(n));
}

void BM_std_mt19937_normal(benchmark::State& state) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> dist;
    for (auto _ : state) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) sum += dist(engine);
        benchmark::DoNotOptimize(sum);
    }
    set_counters(state, static_cast<double>(n));
}

void BM_std_mt19937_binomial_brunel(benchmark::State& state) {
    std::mt19937_64 engine(seed);
    std::binomial_distribution<int> dist(1000, 20.0 * 0.1e-3);
    for (auto _ : state) {
        long sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += dist(engine);
        benchmark::DoNotOptimize(sum);
    }
    set_counters(state, static_cast<double>(n));
}

BENCHMARK(BM_uniform)->ArgName("draws_per_stream")->Arg(1)->Arg(2)->Arg(16)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_normal)->ArgName("draws_per_stream")->Arg(1)->Arg(2)->Arg(16)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_binomial_brunel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_std_mt19937_uniform)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_std_mt19937_normal)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_std_mt19937_binomial_brunel)->Unit(benchmark::kMicrosecond);

}  // namespace
