// What the machine allows, for the roofline note in benchmarks/README.md: the bandwidth
// of a streaming loop (read three arrays, write one: a neuron update's pattern) with the
// working set in L1, L2, L3 and memory, and the rate of random read-modify-writes into a
// state array (synaptic propagation's pattern: x[target[k]] += w) for state arrays of
// Brunel's and CUBA N = 64000's size.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace {

/// a = b + s·c + d over `bytes` of working set (four arrays of doubles).
void stream_update(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0)) / (4 * sizeof(double));
    std::vector<double> a(n, 1.0), b(n, 2.0), c(n, 3.0), d(n, 4.0);
    const double s = 0.5;
    for (auto _ : state) {
        double* __restrict pa = a.data();
        const double* __restrict pb = b.data();
        const double* __restrict pc = c.data();
        const double* __restrict pd = d.data();
        for (std::size_t i = 0; i < n; ++i) pa[i] = pb[i] + s * pc[i] + pd[i];
        benchmark::DoNotOptimize(a.data());
        benchmark::ClobberMemory();
    }
    // Bytes moved: three arrays read, one written (its read for ownership not counted).
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(4 * n * sizeof(double)));
}
BENCHMARK(stream_update)->Arg(16 << 10)->Arg(512 << 10)->Arg(8 << 20)->Arg(256 << 20);

/// x[target[k]] += w for 64 Ki events with targets uniform over `range(0)` neurons.
void scatter_add(benchmark::State& state) {
    const auto neurons = static_cast<std::size_t>(state.range(0));
    const std::size_t events = 1 << 16;
    std::vector<double> x(neurons, 0.0);
    std::vector<std::int32_t> target(events);
    std::mt19937 gen(1);
    std::uniform_int_distribution<std::int32_t> pick(0, static_cast<std::int32_t>(neurons) - 1);
    for (auto& t : target) t = pick(gen);
    for (auto _ : state) {
        for (std::size_t k = 0; k < events; ++k) x[static_cast<std::size_t>(target[k])] += 0.1;
        benchmark::DoNotOptimize(x.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(events));
}
BENCHMARK(scatter_add)->Arg(12500)->Arg(64000)->Arg(1000000);

}  // namespace
