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
inline std::atomic<std::uint32_t>& object_counter() {
    static std::atomic<std::uint32_t> counter{0};
    return counter;
}
inline std::uint32_t next_object_id() { return object_counter()++; }
}  // namespace detail

/// Seeds every random number drawn from now on (Brian's `seed(n)`): the same seed and the
/// same program give the same results, whatever the thread count. Without it, each program
/// run draws a fresh seed. Random streams are keyed by object number, and `seed` restarts
/// the numbering, so `seed(1)` followed by building the same network again (e.g. in a
/// parameter loop) repeats its random numbers. Call it before creating the objects:
/// objects created before and after a `seed` call may share streams.
inline void seed(std::uint64_t value) {
    detail::global_seed() = value;
    detail::object_counter() = 0;
}

/// The current seed.
inline std::uint64_t current_seed() { return detail::global_seed(); }

}  // namespace brian
