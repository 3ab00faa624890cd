#pragma once

// a·b + c as one fused operation where the machine has one.

#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "brian/detail/loop_hints.hpp"

/// BRIAN_HAS_FMA: 1 where the compiler targets hardware FMA (x86-64 with -march=native
/// or -mfma, AArch64) and the user did not define BRIAN_NO_FMA, else 0.
#if (defined(__FMA__) || defined(__ARM_FEATURE_FMA)) && !defined(BRIAN_NO_FMA)
#define BRIAN_HAS_FMA 1
#else
#define BRIAN_HAS_FMA 0
#endif

namespace brian::detail {

/// a·b + c: with hardware FMA one instruction rounded once (faster, and at least as
/// accurate: an HH neuron's update is mostly products summed), otherwise a*b + c with its
/// two roundings. Written out rather than left to -ffp-contract=fast: the compiler's
/// contraction may differ between a loop's vector body and its scalar remainder (GCC
/// avoids FMA chains in 256-bit code when it tunes for AMD Zen), and a neuron's result
/// would then depend on where a thread's share of the group starts. std::fma is
/// deterministic and vectorises as FMA in every lane.
template <class T>
BRIAN_ALWAYS_INLINE constexpr T mul_add(T a, T b, T c) {
    if constexpr (BRIAN_HAS_FMA && (std::is_same_v<T, double> || std::is_same_v<T, float>)) {
        if (!std::is_constant_evaluated()) return std::fma(a, b, c);
    }
    return a * b + c;
}

/// c[0]·z^(N-1) + c[1]·z^(N-2) + ... + c[N-1] by Horner's rule, one mul_add a term;
/// unrolled by a fold, not a loop: GCC vectorises only innermost loops, and a loop here
/// would keep an update loop around it scalar (a noisy LIF loop: 0.54 -> 5.1 s).
template <class T, std::size_t N, std::size_t... K>
BRIAN_ALWAYS_INLINE T horner(T z, const std::array<T, N>& c, std::index_sequence<K...>) {
    T p = c[0];
    ((p = mul_add(p, z, c[K + 1])), ...);
    return p;
}
template <class T, std::size_t N>
BRIAN_ALWAYS_INLINE T horner(T z, const std::array<T, N>& c) {
    return horner(z, c, std::make_index_sequence<N - 1>{});
}

}  // namespace brian::detail
