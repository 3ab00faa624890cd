#pragma once

// exp and expm1 written as straight-line arithmetic, so that the compiler vectorises the
// element loops that call them (libm's scalar calls stop the vectoriser: an HH neuron
// needs ten per step), in double and in float (the loop of a group of precision<float>).
// Accuracy over the whole range of the type, against long double
// (tests/numerics/vector_math.cpp): exp 0.9 ulp, expm1 1.1 ulp, exprel 1.6 ulp in double,
// 0.93, 1.03 and 1.6 ulp in float, so results can differ from glibc's in the last bit.
// Deterministic: the same input gives the same bits in every lane, loop order and thread
// count. The polynomials use mul_add: fused where the build targets hardware FMA (the
// native builds), which changes their results in the last bit against a portable build.

#include <array>
#include <bit>
#include <cstdint>
#include <type_traits>

#include "brian/detail/loop_hints.hpp"
#include "brian/detail/mul_add.hpp"

namespace brian::detail {

/// The constants of exp's argument reduction and of building 2^k, per type.
template <class T>
struct exp_traits;
template <>
struct exp_traits<double> {
    using bits = std::uint64_t;
    static constexpr int mantissa_bits = 52;
    static constexpr double bias = 1023.0;
    static constexpr double log2e = 1.4426950408889634074;
    // ln 2 split Cody–Waite style: ln2_hi has 21 trailing zero bits, so k·ln2_hi is exact
    // for every k this code uses (|k| <= 1076) and x - k·ln2_hi loses nothing.
    static constexpr double ln2_hi = 6.93147180369123816490e-01;
    static constexpr double ln2_lo = 1.90821492927058770002e-10;
    // 1.5·2^52: adding it rounds a double of magnitude < 2^51 to an integer, held in the
    // low bits of the sum's mantissa.
    static constexpr double round_shift = 6755399441055744.0;
    // Beyond these exp overflows to inf or underflows to 0 (and expm1 saturates at -1).
    static constexpr double x_max = 710.0;
    static constexpr double x_min = -746.0;
    static constexpr double expm1_large_k = 56.0;  // above: the -1 is below half an ulp
    static constexpr double exprel_inf = 717.0;    // above: exprel is inf
};
template <>
struct exp_traits<float> {
    using bits = std::uint32_t;
    static constexpr int mantissa_bits = 23;
    static constexpr float bias = 127.0f;
    static constexpr float log2e = 1.44269504f;
    // As Cephes' expf: ln2_hi has 9 significant bits (k·ln2_hi exact for |k| <= 150).
    static constexpr float ln2_hi = 0.693359375f;
    static constexpr float ln2_lo = -2.12194440e-4f;
    static constexpr float round_shift = 12582912.0f;  // 1.5·2^23
    static constexpr float x_max = 89.0f;              // e^89 > FLT_MAX
    static constexpr float x_min = -104.0f;            // e^-104 < the smallest subnormal
    static constexpr float expm1_large_k = 25.0f;
    static constexpr float exprel_inf = 89.0f;
};

/// double or float: the types these functions are written for.
template <class T>
concept exp_real = std::is_same_v<T, double> || std::is_same_v<T, float>;

/// 2^k for an integer-valued k of the type's normal exponent range, built from its bits.
template <exp_real T>
BRIAN_ALWAYS_INLINE T exp2_integer(T k) {
    using traits = exp_traits<T>;
    const auto bits = std::bit_cast<typename traits::bits>(k + (traits::round_shift + traits::bias));
    return std::bit_cast<T>(static_cast<typename traits::bits>(bits << traits::mantissa_bits));
}

/// 2^k for an integer-valued k down to the smallest subnormal and up to overflow, as a
/// product of two factors that are normal numbers (2^k itself may be subnormal or overflow).
template <exp_real T>
struct pow2_factors {
    T s1, s2;
};
template <exp_real T>
BRIAN_ALWAYS_INLINE pow2_factors<T> exp2_split(T k) {
    using traits = exp_traits<T>;
    const T k1 = mul_add(k, T(0.5), traits::round_shift) - traits::round_shift;
    return {exp2_integer(k1), exp2_integer(k - k1)};
}

/// x = k·ln2 + r + r_err with k an integer (held in a T), |r| <= ln2/2 (+1 ulp) and
/// r_err the rounding error of r, which would otherwise dominate the error of e^x.
template <exp_real T>
struct exp_reduced {
    T k;
    T r;
    T r_err;
};
template <exp_real T>
BRIAN_ALWAYS_INLINE exp_reduced<T> exp_reduce(T x) {
    using traits = exp_traits<T>;
    // Clamped with comparisons that keep NaN (it flows through to the result). Bit
    // selects: GCC turns `?:` here into branches around the rest of exp (it knows the
    // result at the bounds), which stops the vectoriser.
    x = select(x > traits::x_max, traits::x_max, x);
    x = select(x < traits::x_min, traits::x_min, x);
    const T k = mul_add(x, traits::log2e, traits::round_shift) - traits::round_shift;
    const T hi = mul_add(-k, traits::ln2_hi, x), lo = k * traits::ln2_lo;  // k·ln2_hi is exact
    const T r = hi - lo;
    return {k, r, (hi - r) - lo};
}

/// (exp(r) - 1 - r)/r² for |r| <= ln2/2: the Taylor series to r^13 (truncation below
/// 0.05 ulp). Kept apart from r so that expm1 can add r without an extra rounding.
BRIAN_ALWAYS_INLINE double expm1_tail(double r) {
    constexpr std::array<double, 12> terms{1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0,
                                           1.0 / 3628800.0,    1.0 / 362880.0,    1.0 / 40320.0,
                                           1.0 / 5040.0,       1.0 / 720.0,       1.0 / 120.0,
                                           1.0 / 24.0,         1.0 / 6.0,         0.5};  // 1/13! ... 1/2!
    return horner(r, terms);
}
/// The same in float: Taylor to r^7 (truncation below 0.1 ulp).
BRIAN_ALWAYS_INLINE float expm1_tail(float r) {
    constexpr std::array<float, 6> terms{1.0f / 5040.0f, 1.0f / 720.0f, 1.0f / 120.0f,
                                         1.0f / 24.0f,   1.0f / 6.0f,   0.5f};  // 1/7! ... 1/2!
    return horner(r, terms);
}

/// e^x. Results below the smallest normal number are subnormal (rounded once), above the
/// largest finite one inf.
template <exp_real T>
BRIAN_ALWAYS_INLINE T exp(T x) {
    const auto [k, r, r_err] = exp_reduce(x);
    const auto [s1, s2] = exp2_split(k);
    const T er = T(1) + (r + mul_add(r * r, expm1_tail(r), r_err));
    return (er * s1) * s2;
}

/// e^x - 1, accurate for small |x| as well.
template <exp_real T>
BRIAN_ALWAYS_INLINE T expm1(T x) {
    const auto [k, r, r_err] = exp_reduce(x);
    const T q = r_err + (r * r) * expm1_tail(r);  // e^(r + r_err) - 1 = r + q
    // (not a mul_add: fused, expm1 measured 1.15 ulp instead of 1.07)
    const auto [s1, s2] = exp2_split(k);
    // 2^k·(e^r - 1) + (2^k - 1) summed without losing rounding errors: that of 2^k - 1
    // (large k) and that of adding 2^k·r (Fast2Sum: |2^k - 1| >= |2^k·r| whenever k != 0).
    const T s = s1 * s2, c = s - T(1), c_err = (s - c) - T(1), t = s * r;
    const T sum = c + t;
    const T small = sum + (((c - sum) + t) + mul_add(s, q, c_err));
    // For large k the -1 is below half an ulp and 2^k alone may overflow: use e^x.
    const T large = ((T(1) + (r + q)) * s1) * s2;
    return select(k > exp_traits<T>::expm1_large_k, large, small);
}

/// Brian 2's exprel(x) = (e^x - 1)/x: 1 at |x| < 1e-16 and inf above the overflow of
/// e^x, as in Brian's generated code.
template <exp_real T>
BRIAN_ALWAYS_INLINE T exprel(T x) {
    const T q = expm1(x) / x;
    const T r = select(x > exp_traits<T>::exprel_inf, x, q);  // inf at +inf, where expm1(x)/x is inf/inf
    return select((x < T(1e-16)) & (x > T(-1e-16)), T(1), r);
}

}  // namespace brian::detail
