#pragma once

// exp and expm1 written as straight-line arithmetic, so that the compiler vectorises the
// element loops that call them (libm's scalar calls stop the vectoriser: an HH neuron
// needs ten per step). Accuracy over the whole double range, against long double
// (tests/numerics/vector_math.cpp): exp 0.9 ulp, expm1 1.1 ulp, exprel 1.6 ulp, so
// results can differ from glibc's in the last bit. Deterministic: the same input gives the
// same bits in every lane, loop order and thread count.

#include <bit>
#include <cstdint>

#include "brian/detail/loop_hints.hpp"

namespace brian::detail {

namespace exp_constants {
inline constexpr double log2e = 1.4426950408889634074;
// ln 2 split Cody–Waite style: ln2_hi has 21 trailing zero bits, so k·ln2_hi is exact for
// every k this code uses (|k| <= 1076) and x - k·ln2_hi loses nothing.
inline constexpr double ln2_hi = 6.93147180369123816490e-01;
inline constexpr double ln2_lo = 1.90821492927058770002e-10;
// 1.5·2^52: adding it rounds a double of magnitude < 2^51 to an integer, held in the
// low bits of the sum's mantissa.
inline constexpr double round_shift = 6755399441055744.0;
// Beyond these exp overflows to inf or underflows to 0 (and expm1 saturates at -1).
inline constexpr double x_max = 710.0;
inline constexpr double x_min = -746.0;
}  // namespace exp_constants

/// 2^k for an integer-valued double k in [-1022, 1023], built from its bits.
BRIAN_ALWAYS_INLINE double exp2_integer(double k) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(k + (exp_constants::round_shift + 1023.0));
    return std::bit_cast<double>(bits << 52);
}

/// 2^k for an integer-valued double k in [-1076, 1024], as a product of two factors that
/// are normal numbers (2^k itself may be subnormal or overflow).
struct pow2_factors {
    double s1, s2;
};
BRIAN_ALWAYS_INLINE pow2_factors exp2_split(double k) {
    const double k1 = (k * 0.5 + exp_constants::round_shift) - exp_constants::round_shift;
    return {exp2_integer(k1), exp2_integer(k - k1)};
}

/// x = k·ln2 + r + r_err with k an integer (held in a double), |r| <= ln2/2 (+1 ulp) and
/// r_err the rounding error of r, which would otherwise dominate the error of e^x.
struct exp_reduced {
    double k;
    double r;
    double r_err;
};
BRIAN_ALWAYS_INLINE exp_reduced exp_reduce(double x) {
    using namespace exp_constants;
    // Clamped with comparisons that keep NaN (it flows through to the result). Bit
    // selects: GCC turns `?:` here into branches around the rest of exp (it knows the
    // result at the bounds), which stops the vectoriser.
    x = select(x > x_max, x_max, x);
    x = select(x < x_min, x_min, x);
    const double k = (x * log2e + round_shift) - round_shift;
    const double hi = x - k * ln2_hi, lo = k * ln2_lo;
    const double r = hi - lo;
    return {k, r, (hi - r) - lo};
}

/// (exp(r) - 1 - r)/r² for |r| <= ln2/2: the Taylor series to r^13 (truncation below
/// 0.05 ulp). Kept apart from r so that expm1 can add r without an extra rounding.
BRIAN_ALWAYS_INLINE double expm1_tail(double r) {
    double p = 1.0 / 6227020800.0;  // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    return p * r + 0.5;
}

/// e^x. Results below 2^-1022 are subnormal (rounded once), above DBL_MAX inf.
BRIAN_ALWAYS_INLINE double exp(double x) {
    const auto [k, r, r_err] = exp_reduce(x);
    const auto [s1, s2] = exp2_split(k);
    const double er = 1.0 + (r + (r_err + (r * r) * expm1_tail(r)));
    return (er * s1) * s2;
}

/// e^x - 1, accurate for small |x| as well.
BRIAN_ALWAYS_INLINE double expm1(double x) {
    const auto [k, r, r_err] = exp_reduce(x);
    const double q = r_err + (r * r) * expm1_tail(r);  // e^(r + r_err) - 1 = r + q
    const auto [s1, s2] = exp2_split(k);
    // 2^k·(e^r - 1) + (2^k - 1) summed without losing rounding errors: that of 2^k - 1
    // (k > 53) and that of adding 2^k·r (Fast2Sum: |2^k - 1| >= |2^k·r| whenever k != 0).
    const double s = s1 * s2, c = s - 1.0, c_err = (s - c) - 1.0, t = s * r;
    const double sum = c + t;
    const double small = sum + (((c - sum) + t) + (c_err + s * q));
    // For k > 56 the -1 is below half an ulp and 2^k alone may overflow: use e^x.
    const double large = ((1.0 + (r + q)) * s1) * s2;
    return select(k > 56.0, large, small);
}

/// Brian 2's exprel(x) = (e^x - 1)/x: 1 at |x| < 1e-16 and inf above 717, as in Brian's
/// generated code.
BRIAN_ALWAYS_INLINE double exprel(double x) {
    const double q = expm1(x) / x;
    const double r = select(x > 717.0, x, q);  // inf at +inf, where expm1(x)/x is inf/inf
    return select((x < 1e-16) & (x > -1e-16), 1.0, r);
}

// ---- Single precision: the same algorithms in float (a group of precision<float>
// computes its loop in float): 0.93 ulp (exp), 1.03 (expm1), 1.6 (exprel) over the float
// range, against long double (tests/numerics/vector_math.cpp).

namespace expf_constants {
inline constexpr float log2e = 1.44269504f;
// ln 2 split as Cephes' expf: ln2_hi has 9 significant bits, so k·ln2_hi is exact for every
// k this code uses (|k| <= 150), and x - k·ln2_hi is exact too.
inline constexpr float ln2_hi = 0.693359375f;
inline constexpr float ln2_lo = -2.12194440e-4f;
inline constexpr float round_shift = 12582912.0f;  // 1.5·2^23
inline constexpr float x_max = 89.0f;              // e^89 > FLT_MAX
inline constexpr float x_min = -104.0f;            // e^-104 < the smallest subnormal
}  // namespace expf_constants

/// 2^k for an integer-valued float k in [-126, 127].
BRIAN_ALWAYS_INLINE float exp2_integer(float k) {
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(k + (expf_constants::round_shift + 127.0f));
    return std::bit_cast<float>(bits << 23);
}

struct pow2_factors_f {
    float s1, s2;
};
/// 2^k for an integer-valued float k in [-150, 128] as two normal factors.
BRIAN_ALWAYS_INLINE pow2_factors_f exp2_split(float k) {
    const float k1 = (k * 0.5f + expf_constants::round_shift) - expf_constants::round_shift;
    return {exp2_integer(k1), exp2_integer(k - k1)};
}

struct exp_reduced_f {
    float k;
    float r;
    float r_err;
};
BRIAN_ALWAYS_INLINE exp_reduced_f exp_reduce(float x) {
    using namespace expf_constants;
    x = select(x > x_max, x_max, x);
    x = select(x < x_min, x_min, x);
    const float k = (x * log2e + round_shift) - round_shift;
    const float hi = x - k * ln2_hi, lo = k * ln2_lo;
    const float r = hi - lo;
    return {k, r, (hi - r) - lo};
}

/// (exp(r) - 1 - r)/r² for |r| <= ln2/2 (+ ln2_lo's margin): Taylor to r^7 (truncation
/// below 0.1 ulp).
BRIAN_ALWAYS_INLINE float expm1_tail(float r) {
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    return p * r + 0.5f;
}

/// e^x in float.
BRIAN_ALWAYS_INLINE float exp(float x) {
    const auto [k, r, r_err] = exp_reduce(x);
    const auto [s1, s2] = exp2_split(k);
    const float er = 1.0f + (r + (r_err + (r * r) * expm1_tail(r)));
    return (er * s1) * s2;
}

/// e^x - 1 in float, accurate for small |x| as well (as the double version).
BRIAN_ALWAYS_INLINE float expm1(float x) {
    const auto [k, r, r_err] = exp_reduce(x);
    const float q = r_err + (r * r) * expm1_tail(r);
    const auto [s1, s2] = exp2_split(k);
    const float s = s1 * s2, c = s - 1.0f, c_err = (s - c) - 1.0f, t = s * r;
    const float sum = c + t;
    const float small = sum + (((c - sum) + t) + (c_err + s * q));
    const float large = ((1.0f + (r + q)) * s1) * s2;  // the -1 is below half an ulp
    return select(k > 25.0f, large, small);
}

/// Brian 2's exprel in float: 1 at |x| < 1e-16, inf above 89.
BRIAN_ALWAYS_INLINE float exprel(float x) {
    const float q = expm1(x) / x;
    const float r = select(x > 89.0f, x, q);
    return select((x < 1e-16f) & (x > -1e-16f), 1.0f, r);
}

}  // namespace brian::detail
