#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace brian {

/// The spikes of the current step of a group or subgroup: ascending absolute indices, and
/// the offset to subtract to get indices within the (sub)group.
struct spike_view {
    std::span<const std::int32_t> indices;
    std::int32_t offset = 0;
};

/// The part of ascending `spikes` that falls in [begin, end), as a view relative to begin.
inline spike_view spikes_in(const std::vector<std::int32_t>& spikes, std::int32_t begin, std::int32_t end) {
    auto lo = std::lower_bound(spikes.begin(), spikes.end(), begin);
    auto hi = std::lower_bound(lo, spikes.end(), end);
    return {std::span<const std::int32_t>(spikes.data() + (lo - spikes.begin()), static_cast<std::size_t>(hi - lo)),
            begin};
}

}  // namespace brian
