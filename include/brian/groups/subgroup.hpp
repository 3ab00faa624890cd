#pragma once

#include <stdexcept>
#include <string>

#include "brian/groups/spike_source.hpp"
#include "brian/groups/variable_view.hpp"
#include "brian/network/clock.hpp"

namespace brian {

/// Elements [begin, end) of a group, usable wherever a group is (Brian's `G[a:b]`):
/// variables, monitors, synapses. Indices and `i` are relative to the subgroup.
template <class Group>
class subgroup {
  public:
    using parent_type = Group;
    subgroup(Group& g, std::size_t begin, std::size_t end) : g_(&g), begin_(begin), end_(end) {
        if (begin > end || end > g.size())
            throw std::out_of_range("brian: slice(" + std::to_string(begin) + ", " + std::to_string(end) +
                                    ") of a group of size " + std::to_string(g.size()) +
                                    " is invalid; use 0 <= begin <= end <= size");
    }

    std::size_t size() const { return end_ - begin_; }
    std::size_t offset() const { return begin_; }
    Group& parent() const { return *g_; }
    brian::clock& clock() { return g_->clock(); }

    template <class X>
    auto operator[](const X&) {
        static_assert(Group::layout::template stores<X>, "brian: this group does not store the variable");
        // A shared variable is the group's one value, whatever the slice.
        if constexpr (Group::layout::template shared_slot<X> < Group::layout::n_shared)
            return variable_view<Group, X>(*g_, 0, 1);
        else return variable_view<Group, X>(*g_, begin_, end_ - begin_);
    }

    /// Spikes of the current step inside the subgroup (relative indices via `offset`).
    spike_view spikes() const {
        return spikes_in(g_->spike_indices(), static_cast<std::int32_t>(begin_), static_cast<std::int32_t>(end_));
    }

  private:
    Group* g_;
    std::size_t begin_, end_;
};

}  // namespace brian
