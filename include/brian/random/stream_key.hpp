#pragma once

#include <cstdint>

namespace brian {

/// What an object draws random numbers for. Each (object, purpose) pair is its own
/// stream, so no two consumers share numbers: a noisy neuron group and a Poisson group,
/// or a group's noise and its initialisation, are independent.
enum class stream_purpose : std::uint32_t {
    connect = 0,        ///< synapses: drawing connectivity
    on_pre = 1,         ///< synapses: code of presynaptic pathways
    initialise = 2,     ///< assignments of expressions with rand() to variables
    on_post = 3,        ///< synapses: code of postsynaptic pathways
    update = 4,         ///< neuron groups: noise and rand() of the state update
    event_code = 5,     ///< neuron groups: reset and event statements
    evaluate = 6,       ///< neuron groups: expressions evaluated for monitors
    poisson = 7,        ///< poisson_group: the spikes
    poisson_input = 8,  ///< poisson_input: the binomial draws
    pulse_packet = 9,   ///< pulse_packet: the spike times
};
inline constexpr std::uint32_t stream_purpose_count = 16;

/// The key of the random stream of object `object` (detail::next_object_id) for `purpose`:
/// one key per pair, never shared (objects up to 2^28).
constexpr std::uint32_t stream_key(std::uint32_t object, stream_purpose purpose) {
    return object * stream_purpose_count + static_cast<std::uint32_t>(purpose);
}

}  // namespace brian
