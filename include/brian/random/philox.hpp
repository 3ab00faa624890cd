#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace brian {

/// A counter-based random stream (Philox4x32-10, Random123): the numbers are a pure
/// function of (seed, object, step, element, draw), so results never depend on the order
/// of evaluation or on the number of threads. A stream is created per element and step;
/// each draw advances its own counter.
class random_stream {
  public:
    using philox = r123::Philox4x32;

    random_stream(std::uint64_t seed, std::uint32_t object, std::uint64_t step, std::uint64_t element) noexcept
        : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32) ^ (object * 0x9E3779B9u)}},
          counter_{{static_cast<std::uint32_t>(element), static_cast<std::uint32_t>(element >> 32),
                    static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(step >> 32) << 16}} {}

    random_stream* get() noexcept { return this; }

    /// A uniform double in [0, 1), 53 random bits.
    double uniform() noexcept {
        if (available_ < 2) refill();
        const std::uint64_t hi = block_[4 - available_], lo = block_[5 - available_];
        available_ -= 2;
        return static_cast<double>(((hi << 32) | lo) >> 11) * 0x1.0p-53;
    }

    /// A standard normal double (Box–Muller; the second value is kept for the next call).
    double normal() noexcept {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        spare_ = r * std::sin(2.0 * std::numbers::pi * u2);
        has_spare_ = true;
        return r * std::cos(2.0 * std::numbers::pi * u2);
    }

  private:
    void refill() noexcept {
        philox generator;
        const auto out = generator(counter_, key_);
        for (int k = 0; k < 4; ++k) block_[k] = out.v[k];
        available_ = 4;
        counter_.v[3] += 1;  // the low 16 bits of the last word count the blocks of one element-step
    }

    philox::key_type key_;
    philox::ctr_type counter_;
    std::uint32_t block_[4]{};
    int available_ = 0;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

}  // namespace brian
