#pragma once

#include <array>
#include <cmath>
#include <cstdint>

#include "brian/detail/box_muller.hpp"
#include "brian/detail/loop_hints.hpp"

namespace brian {

namespace detail {

/// Philox4x32-10 (Salmon et al. 2011), the same numbers as Random123's
/// `r123::Philox4x32` (tests/unit/random/philox.cpp), written as plain 32/64-bit
/// arithmetic so that a loop over elements computing one block each vectorises.
using philox_counter = std::array<std::uint32_t, 4>;
using philox_key = std::array<std::uint32_t, 2>;
BRIAN_ALWAYS_INLINE philox_counter philox4x32_10(philox_counter c, philox_key k) noexcept {
    constexpr std::uint64_t m0 = 0xD2511F53u, m1 = 0xCD9E8D57u, low = 0xFFFFFFFFu;
    // The words live in 64-bit lanes whose high halves may hold garbage until the end: only
    // the multiplies need clean 32-bit inputs (a mask), so a vectorised loop does not
    // repack products into 32-bit lanes every round (28 % faster with AVX-512).
    std::uint64_t c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
    std::uint32_t k0 = k[0], k1 = k[1];
    for (int round = 0; round < 10; ++round) {
        const std::uint64_t p0 = m0 * (c0 & low), p1 = m1 * (c2 & low);
        c0 = (p1 >> 32) ^ c1 ^ k0;
        c1 = p1;
        c2 = (p0 >> 32) ^ c3 ^ k1;
        c3 = p0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return {static_cast<std::uint32_t>(c0), static_cast<std::uint32_t>(c1), static_cast<std::uint32_t>(c2),
            static_cast<std::uint32_t>(c3)};
}

/// A double in [0, 1) from two 32-bit words: 53 random bits.
BRIAN_ALWAYS_INLINE double uniform_from_words(std::uint32_t hi, std::uint32_t lo) noexcept {
    return static_cast<double>(((std::uint64_t{hi} << 32) | lo) >> 11) * 0x1.0p-53;
}

}  // namespace detail

/// A counter-based random stream (Philox4x32-10, as Random123's): the numbers are a pure
/// function of (seed, object, step, element, draw), so results never depend on the order
/// of evaluation or on the number of threads. A stream is created per element and step;
/// each draw advances its own counter.
class random_stream {
  public:
    random_stream(std::uint64_t seed, std::uint32_t object, std::uint64_t step, std::uint64_t element) noexcept
        : key_(key(seed, object)), counter_(counter(step, element)) {}

    random_stream* get() noexcept { return this; }

    /// The first two uniform()s of the stream (seed, object, step, element): one Philox
    /// block, for loops that need one number per element and take two elements per stream.
    BRIAN_ALWAYS_INLINE static std::array<double, 2>
    first_two_uniforms(std::uint64_t seed, std::uint32_t object, std::uint64_t step, std::uint64_t element) noexcept {
        const auto block = detail::philox4x32_10(counter(step, element), key(seed, object));
        return {detail::uniform_from_words(block[0], block[1]), detail::uniform_from_words(block[2], block[3])};
    }

    /// A uniform double in [0, 1), 53 random bits.
    BRIAN_ALWAYS_INLINE double uniform() noexcept {
        if (available_ < 2) refill();
        const std::uint32_t hi = block_[4 - available_], lo = block_[5 - available_];
        available_ -= 2;
        return detail::uniform_from_words(hi, lo);
    }

    /// A standard normal double (Box–Muller; the second value is kept for the next call).
    /// Branch-free once inlined into a loop that creates a stream per element, so that a
    /// noisy model's update vectorises (detail/box_muller.hpp).
    BRIAN_ALWAYS_INLINE double normal() noexcept {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
        const double u2 = uniform();
        const auto [first, second] = detail::box_muller(u1, u2);
        spare_ = second;
        has_spare_ = true;
        return first;
    }

  private:
    static detail::philox_key key(std::uint64_t seed, std::uint32_t object) noexcept {
        return {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32) ^ (object * 0x9E3779B9u)};
    }
    static detail::philox_counter counter(std::uint64_t step, std::uint64_t element) noexcept {
        return {static_cast<std::uint32_t>(element), static_cast<std::uint32_t>(element >> 32),
                static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(step >> 32) << 16};
    }

    BRIAN_ALWAYS_INLINE void refill() noexcept {
        block_ = detail::philox4x32_10(counter_, key_);
        available_ = 4;
        counter_[3] += 1;  // the low 16 bits of the last word count the blocks of one element-step
    }

    detail::philox_key key_;
    detail::philox_counter counter_;
    detail::philox_counter block_{};
    int available_ = 0;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

}  // namespace brian
