#pragma once

// The Box–Muller transform written so that a loop drawing one normal number per element
// vectorises: its own log and sin/cos of 2πu, branch-free, instead of libm's calls (which
// GCC only vectorises under -ffast-math). Without them a noisy model's update loop is
// scalar: 40 ns per neuron and step for a noisy LIF population, about Brian 2's speed.
// Accuracy (tests/numerics/vector_math.cpp): log within 1 ulp over the positive normal
// doubles, sin(2πu) and cos(2πu) within 2.5 ulp (against the long double values of the
// same u; the product 2π·v is rounded once), so the normals differ from ones through
// libm in the last bits, which does not change their distribution.

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <utility>

#include "brian/detail/loop_hints.hpp"
#include "brian/detail/mul_add.hpp"
#include "brian/detail/vector_math.hpp"

namespace brian::detail {

/// ln x for a positive normal double (fdlibm's reduction): x = 2^k·m with m in
/// [√2/2, √2), f = m - 1, s = f/(2 + f), and ln m = 2·atanh(s) = f - f²/2 + s·(f²/2 + R)
/// with R = Σ 2s^(2j)/(2j + 1) (|s| <= 0.1716: ten terms reach below 2^-53).
BRIAN_ALWAYS_INLINE double log_positive(double x) {
    using traits = exp_traits<double>;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    // Moving the mantissa's top above √2 - 1 (0x6A09E...) into the next octave: adding
    // 0x95F62 << 32 carries into the exponent exactly when m >= √2.
    const std::uint64_t shifted = bits + (std::uint64_t{0x3FF00000u - 0x3FE6A09Eu} << 32);
    const double k = static_cast<double>(static_cast<std::int64_t>(shifted >> 52) - 1023);
    const std::uint64_t m_bits = ((shifted & 0x000FFFFFFFFFFFFFull) + (std::uint64_t{0x3FE6A09Eu} << 32));
    const double f = std::bit_cast<double>(m_bits) - 1.0;
    const double s = f / (2.0 + f), z = s * s;
    constexpr std::array<double, 10> atanh_terms{2.0 / 21, 2.0 / 19, 2.0 / 17, 2.0 / 15, 2.0 / 13,
                                                 2.0 / 11, 2.0 / 9,  2.0 / 7,  2.0 / 5,  2.0 / 3};
    const double r = horner(z, atanh_terms) * z;
    const double half_f2 = 0.5 * f * f;
    return k * traits::ln2_hi - ((half_f2 - mul_add(s, half_f2 + r, k * traits::ln2_lo)) - f);
}

/// {sin 2πu, cos 2πu} for u in [0, 1). The reduction is exact in u: u = q/4 + v with q
/// an integer and |v| <= 1/8, so that x = 2πv lies in [-π/4, π/4], where Taylor series to
/// x^23 and x^22 are below 2^-60; the quadrant q then swaps and negates.
BRIAN_ALWAYS_INLINE std::pair<double, double> sincos_2pi(double u) {
    constexpr double round_shift = exp_traits<double>::round_shift;
    const double q = (4.0 * u + round_shift) - round_shift;  // nearest integer, 0 to 4
    const double x = (u - 0.25 * q) * 6.283185307179586477;  // u - q/4 is exact
    const double z = x * x;
    // sin x = x + x·z·(-1/3! + z/5! - ...), cos x = 1 - z/2 + z²·(1/4! - z/6! + ...)
    constexpr std::array<double, 11> sin_terms{-1 / 25852016738884976640000.0,
                                               1 / 51090942171709440000.0,
                                               -1 / 121645100408832000.0,
                                               1 / 355687428096000.0,
                                               -1 / 1307674368000.0,
                                               1 / 6227020800.0,
                                               -1 / 39916800.0,
                                               1 / 362880.0,
                                               -1 / 5040.0,
                                               1 / 120.0,
                                               -1 / 6.0};
    constexpr std::array<double, 10> cos_terms{-1 / 1124000727777607680000.0,
                                               1 / 2432902008176640000.0,
                                               -1 / 6402373705728000.0,
                                               1 / 20922789888000.0,
                                               -1 / 87178291200.0,
                                               1 / 479001600.0,
                                               -1 / 3628800.0,
                                               1 / 40320.0,
                                               -1 / 720.0,
                                               1 / 24.0};
    const double sin_x = mul_add(x * z, horner(z, sin_terms), x);
    const double cp = horner(z, cos_terms);
    // 1 - z/2 + z²·cp, the 1 - z/2 with its rounding error carried (fdlibm's kernel_cos)
    const double half_z = 0.5 * z, w = 1.0 - half_z;
    const double cos_x = w + (((1.0 - w) - half_z) + z * z * cp);
    // Quadrant q (mod 4): 0: (s, c), 1: (c, -s), 2: (-s, -c), 3: (-c, s).
    const auto quadrant = static_cast<std::int64_t>(q) & 3;
    const bool odd = (quadrant & 1) != 0;
    const double s = select(odd, cos_x, sin_x), c = select(odd, sin_x, cos_x);
    const double sin_sign = select(quadrant >= 2, -1.0, 1.0);
    const double cos_sign = select(quadrant == 1 || quadrant == 2, -1.0, 1.0);
    return {sin_sign * s, cos_sign * c};
}

/// Two independent standard normal numbers from two uniforms, u1 in (0, 1] and u2 in
/// [0, 1): √(-2 ln u1)·(cos 2πu2, sin 2πu2).
BRIAN_ALWAYS_INLINE std::pair<double, double> box_muller(double u1, double u2) {
    const double r = std::sqrt(-2.0 * log_positive(u1));
    const auto [s, c] = sincos_2pi(u2);
    return {r * c, r * s};
}

}  // namespace brian::detail
