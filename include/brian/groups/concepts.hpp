#pragma once

#include <concepts>
#include <cstddef>
#include <vector>

#include "brian/groups/spike_source.hpp"
#include "brian/network/clock.hpp"

namespace brian {

/// What synapses and monitors read spikes from: a group that knows its size, its clock and
/// the ascending indices of the elements that spiked in the current step.
template <class G>
concept SpikeSource = requires(G& g, const G& cg) {
    { cg.size() } -> std::convertible_to<std::size_t>;
    { g.clock() } -> std::same_as<brian::clock&>;
    { cg.spikes() } -> std::same_as<spike_view>;
    { cg.spike_indices() } -> std::convertible_to<const std::vector<std::int32_t>&>;
};

/// A group whose variables are named by symbols: it has a compile-time `layout` that says
/// which symbols it stores, and their storage (`raw<X>()`).
template <class G>
concept VariableOwner = requires { typename G::layout; };

}  // namespace brian
