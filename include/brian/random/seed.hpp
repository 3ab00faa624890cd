#pragma once

#include <atomic>
#include <cstdint>
#include <random>

namespace brian {

namespace detail {
inline std::uint64_t& global_seed() {
    static std::uint64_t seed = [] {
        std::random_device device;
        return (static_cast<std::uint64_t>(device()) << 32) ^ device();
    }();
    return seed;
}
inline std::uint32_t next_object_id() {
    static std::atomic<std::uint32_t> counter{0};
    return counter++;
}
}  // namespace detail

/// Seeds every random number drawn from now on (Brian's `seed(n)`): the same seed and the
/// same program give the same results, whatever the thread count. Without it, each program
/// run draws a fresh seed.
inline void seed(std::uint64_t value) { detail::global_seed() = value; }

/// The current seed.
inline std::uint64_t current_seed() { return detail::global_seed(); }

}  // namespace brian
