// Evaluating a model's right-hand side through brian's expression trees against the same
// arithmetic written by hand over raw arrays. Both kernels see the same arrays (structure
// of arrays, one std::vector per variable) and the same constants; the expressions are
// `inline constexpr`, so their constants fold into the generated code as the hand-written
// `constexpr double`s do. Goal: brian / hand <= 1.05 for every model.
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <benchmark/benchmark.h>

#include <brian/brian.hpp>

namespace {

using namespace brian;
using namespace brian::literals;

// --- the models, declared once with units -----------------------------------------------

/// CUBA (Brette et al. 2007): current-based synapses, conductances in volts.
namespace cuba {
inline constexpr state<"v", volt> v{};
inline constexpr state<"ge", volt> ge{};
inline constexpr state<"gi", volt> gi{};
inline constexpr auto taum = 20_ms;
inline constexpr auto El = -49_mV;
inline constexpr auto rhs = (ge + gi - (v - El)) / taum;
}  // namespace cuba

/// COBA: conductance-based synapses with dimensionless conductances (Brian 2's example).
namespace coba {
inline constexpr state<"v", volt> v{};
inline constexpr state<"ge", dimensionless> ge{};
inline constexpr state<"gi", dimensionless> gi{};
inline constexpr auto taum = 20_ms;
inline constexpr auto El = -60_mV;
inline constexpr auto Ee = 0_mV;
inline constexpr auto Ei = -80_mV;
inline constexpr auto rhs = (ge * (Ee - v) + gi * (Ei - v) - (v - El)) / taum;
}  // namespace coba

/// Exponential integrate-and-fire, one forward-Euler step: a per-element exp and the
/// built-in `dt`, read from the context at run time.
namespace eif {
inline constexpr state<"v", volt> v{};
inline constexpr state<"I", volt> I{};
inline constexpr auto taum = 20_ms;
inline constexpr auto El = -65_mV;
inline constexpr auto VT = -50_mV;
inline constexpr auto DeltaT = 2_mV;
inline constexpr auto step = v + dt * (El - v + DeltaT * exp((v - VT) / DeltaT) + I) / taum;
}  // namespace eif

// The hand-written constants: the same SI doubles the unit literals produce
// (`20_ms` is 20.0 * 1e-3, which need not equal the literal 0.020).
namespace hand {
constexpr double ms = 1e-3, mV = 1e-3;
}  // namespace hand

// The hand-written kernels do the arithmetic brian does (docs/performance.md): a division
// by a constant is a product with its reciprocal, a sum with a product one mul_add (fused
// where the build has FMA), and exp is brian's vectorisable one, so that the two kernels
// give the same bits.
using brian::detail::exp;
using brian::detail::mul_add;

constexpr std::size_t n_elements = 100'000;
constexpr double time_step = 0.1e-3;

// --- kernels: one call evaluates one model over all elements -----------------------------
// noinline keeps each kernel a separate function, so the two can be compared in
// `objdump -d` and neither is specialised to the benchmark loop around it.

/// The context for an expression: one array per symbol it reads.
template <const auto& Expr>
using context = array_context<symbols_of<decltype(Expr)>>;

[[gnu::noinline]] void cuba_brian(double* out, double* v, double* ge, double* gi, std::size_t n) {
    using ctx_t = context<cuba::rhs>;
    ctx_t ctx;
    ctx.arrays[ctx_t::slot<decltype(cuba::v)>] = v;
    ctx.arrays[ctx_t::slot<decltype(cuba::ge)>] = ge;
    ctx.arrays[ctx_t::slot<decltype(cuba::gi)>] = gi;
    ctx.count = n;
    for (std::size_t k = 0; k < n; ++k) {
        ctx.element = k;
        out[k] = evaluate(cuba::rhs, ctx);
    }
}

[[gnu::noinline]] void cuba_hand(double* out, double* v, double* ge, double* gi, std::size_t n) {
    constexpr double taum = 20 * hand::ms, El = -49 * hand::mV;
    for (std::size_t k = 0; k < n; ++k) out[k] = (ge[k] + gi[k] - (v[k] - El)) * (1 / taum);
}

[[gnu::noinline]] void coba_brian(double* out, double* v, double* ge, double* gi, std::size_t n) {
    using ctx_t = context<coba::rhs>;
    ctx_t ctx;
    ctx.arrays[ctx_t::slot<decltype(coba::v)>] = v;
    ctx.arrays[ctx_t::slot<decltype(coba::ge)>] = ge;
    ctx.arrays[ctx_t::slot<decltype(coba::gi)>] = gi;
    ctx.count = n;
    for (std::size_t k = 0; k < n; ++k) {
        ctx.element = k;
        out[k] = evaluate(coba::rhs, ctx);
    }
}

[[gnu::noinline]] void coba_hand(double* out, double* v, double* ge, double* gi, std::size_t n) {
    constexpr double taum = 20 * hand::ms, El = -60 * hand::mV, Ee = 0 * hand::mV, Ei = -80 * hand::mV;
    for (std::size_t k = 0; k < n; ++k)
        out[k] = (mul_add(ge[k], Ee - v[k], gi[k] * (Ei - v[k])) - (v[k] - El)) * (1 / taum);
}

[[gnu::noinline]] void eif_brian(double* out, double* v, double* I, std::size_t n, double step) {
    using ctx_t = context<eif::step>;
    ctx_t ctx;
    ctx.arrays[ctx_t::slot<decltype(eif::v)>] = v;
    ctx.arrays[ctx_t::slot<decltype(eif::I)>] = I;
    ctx.count = n;
    ctx.step = step;
    for (std::size_t k = 0; k < n; ++k) {
        ctx.element = k;
        out[k] = evaluate(eif::step, ctx);
    }
}

[[gnu::noinline]] void eif_hand(double* out, double* v, double* I, std::size_t n, double step) {
    constexpr double taum = 20 * hand::ms, El = -65 * hand::mV, VT = -50 * hand::mV, DeltaT = 2 * hand::mV;
    for (std::size_t k = 0; k < n; ++k)
        out[k] = mul_add(step * (mul_add(DeltaT, exp((v[k] - VT) * (1 / DeltaT)), El - v[k]) + I[k]), 1 / taum, v[k]);
}

// --- data and benchmarks -----------------------------------------------------------------

/// Membrane potentials around rest and small synaptic terms, one array per variable.
struct arrays {
    std::vector<double> out, v, ge, gi;
    arrays() : out(n_elements), v(n_elements), ge(n_elements), gi(n_elements) {
        for (std::size_t k = 0; k < n_elements; ++k) {
            const double x = static_cast<double>(k % 1000) / 1000.0;
            v[k] = -70e-3 + 20e-3 * x;
            ge[k] = 0.5 * x;
            gi[k] = 0.25 * (1.0 - x);
        }
    }
};

using kernel3 = void (*)(double*, double*, double*, double*, std::size_t);

template <kernel3 Kernel>
void run3(benchmark::State& state) {
    arrays a;
    for (auto _ : state) {
        Kernel(a.out.data(), a.v.data(), a.ge.data(), a.gi.data(), n_elements);
        benchmark::DoNotOptimize(a.out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n_elements));
}

using kernel2 = void (*)(double*, double*, double*, std::size_t, double);

template <kernel2 Kernel>
void run2(benchmark::State& state) {
    arrays a;
    for (auto _ : state) {
        Kernel(a.out.data(), a.v.data(), a.ge.data(), n_elements, time_step);
        benchmark::DoNotOptimize(a.out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n_elements));
}

void BM_cuba_brian(benchmark::State& s) { run3<cuba_brian>(s); }
void BM_cuba_hand(benchmark::State& s) { run3<cuba_hand>(s); }
void BM_coba_brian(benchmark::State& s) { run3<coba_brian>(s); }
void BM_coba_hand(benchmark::State& s) { run3<coba_hand>(s); }
void BM_eif_brian(benchmark::State& s) { run2<eif_brian>(s); }
void BM_eif_hand(benchmark::State& s) { run2<eif_hand>(s); }

BENCHMARK(BM_cuba_brian);
BENCHMARK(BM_cuba_hand);
BENCHMARK(BM_coba_brian);
BENCHMARK(BM_coba_hand);
BENCHMARK(BM_eif_brian);
BENCHMARK(BM_eif_hand);

/// Both kernels of a model must give bit-identical results, or the comparison is moot.
/// Runs before main (static initialisation), and aborts the program on a mismatch.
const bool kernels_agree = [] {
    arrays a, b;
    cuba_brian(a.out.data(), a.v.data(), a.ge.data(), a.gi.data(), n_elements);
    cuba_hand(b.out.data(), b.v.data(), b.ge.data(), b.gi.data(), n_elements);
    bool same = a.out == b.out;
    coba_brian(a.out.data(), a.v.data(), a.ge.data(), a.gi.data(), n_elements);
    coba_hand(b.out.data(), b.v.data(), b.ge.data(), b.gi.data(), n_elements);
    same = same && a.out == b.out;
    eif_brian(a.out.data(), a.v.data(), a.ge.data(), n_elements, time_step);
    eif_hand(b.out.data(), b.v.data(), b.ge.data(), n_elements, time_step);
    same = same && a.out == b.out;
    if (!same) {
        std::fputs("expression_eval: brian and hand-written kernels disagree\n", stderr);
        std::abort();
    }
    return same;
}();

}  // namespace
