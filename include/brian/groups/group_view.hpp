#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "brian/groups/concepts.hpp"
#include "brian/groups/spike_source.hpp"
#include "brian/groups/subgroup.hpp"
#include "brian/network/clock.hpp"

namespace brian {

namespace detail {
template <class T>
struct root_of {
    using type = T;
};
template <class G>
struct root_of<subgroup<G>> {
    using type = G;
};
}  // namespace detail

/// The group that owns the storage of a group or of a slice of it.
template <class T>
using root_group_t = typename detail::root_of<std::remove_cvref_t<T>>::type;

/// "A group or a slice of it", the one view that synapses, monitors and inputs hold of
/// what they act on: the group that owns the storage, and the elements
/// [offset, offset + size) of it. Built from a group (all of it) or a `subgroup`.
template <class G>
class group_view {
  public:
    using group_type = G;

    group_view(G& g) : g_(&g), offset_(0), size_(g.size()) {}  // NOLINT: a group is a view of itself
    group_view(const subgroup<G>& s) : g_(&s.parent()), offset_(s.offset()), size_(s.size()) {}  // NOLINT

    G& group() const { return *g_; }
    std::size_t offset() const { return offset_; }
    std::size_t size() const { return size_; }
    brian::clock& clock() const { return g_->clock(); }
    std::string name() const {
        if constexpr (requires { g_->name(); }) return std::string(g_->name());
        else return "group";
    }
    /// The spikes of the current step inside the view (indices relative via `offset`).
    spike_view spikes() const
        requires SpikeSource<G>
    {
        if (offset_ == 0 && size_ == g_->size()) return g_->spikes();
        return spikes_in(g_->spike_indices(), static_cast<std::int32_t>(offset_),
                         static_cast<std::int32_t>(offset_ + size_));
    }

  private:
    G* g_;
    std::size_t offset_, size_;
};

template <class T>
group_view(T&) -> group_view<root_group_t<T>>;
template <class G>
group_view(const subgroup<G>&) -> group_view<G>;

}  // namespace brian
