#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "brian/detail/flag_scan.hpp"
#include "brian/detail/loop_hints.hpp"
#include "brian/expr/analysis/cost.hpp"
#include "brian/groups/element_context.hpp"
#include "brian/groups/model_code.hpp"
#include "brian/integrators/stepper.hpp"
#include "brian/network/clock.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/stream_key.hpp"

namespace brian::detail {

/// What every element's update of one step shares.
struct step_values {
    double t, dt;
    std::uint64_t step, seed;
    double refractory_time;  ///< R·dt, for a constant refractory period
};

/// A neuron group's storage as the update loop sees it: raw pointers, so that the loop's
/// stores cannot alias the group's members.
template <class Value, class Layout>
struct neuron_storage {
    std::array<Value*, Layout::n_per_element == 0 ? 1 : Layout::n_per_element> arrays;
    double* shared;
    double* lastspike;
    std::uint8_t* not_refractory;
    const Value* const* linked;
    const std::int64_t* const* linked_index;
    std::size_t n;
    std::uint32_t id;
};

/// The fused update loop of a group of `Model` in storage type `Value` (neuron_group.hpp
/// runs it per chunk of neurons): per neuron refractoriness, integration with `Method`,
/// threshold and custom events, branch-free, then the spike lists of the chunk.
template <const auto& Model, class Value, class Method>
struct neuron_loop : neuron_code<Model> {
    using Stepper = stepper<Method, Model>;
    using code = neuron_code<Model>;
    using code::any_unless_refractory;
    using code::events_list;
    using code::loop_is_random;
    using code::n_events;
    using code::n_states;
    using code::refractory_constant;
    using code::refractory_expr;
    using code::threshold_expr;
    using code::unless_refractory_flags;
    using typename code::layout;
    using typename code::model_type;

    /// Spike lists of a chunk: [0] the spikes, [1 + k] custom event k.
    using chunk_lists = std::array<std::vector<std::int32_t>, 1 + n_events>;
    /// Neurons per block of the update loop: the block's spike flags stay in L1.
    static constexpr std::size_t block_size = 256;

    // Work per neuron and step (elementary functions count 20) and the work below which
    // the loop stays on one thread: a hand-over costs about a microsecond, and a split
    // group's state lives in two cores' caches, so that serial synaptic input into it
    // moves cache lines between them (COBA with 4000 neurons was slower on 2 threads with
    // a bound of 32768; CUBA with 64000 neurons, 256000, gains 1.6x).
    static constexpr double cost = 4.0 + (std::is_same_v<Method, method::exact_t> ? 0.0 : static_cast<double>([] {
                                       return std::apply(
                                           [](const auto&... f) {
                                               return (std::size_t{0} + ... +
                                                       expr::evaluation_cost<std::remove_cvref_t<decltype(f)>>);
                                           },
                                           system_of<Model>::f);
                                   }()));
    static constexpr double parallel_min_work = 131072.0;

    struct no_stream {
        no_stream(std::uint64_t, std::uint32_t, std::uint64_t, std::uint64_t) {}
        random_stream* get() { return nullptr; }
    };

    /// Two passes per block of neurons. The first updates every neuron without a branch
    /// (refractoriness, the conditional write of `unless_refractory` variables and the
    /// threshold are selects) and records a flag per neuron and event, so that it can be
    /// vectorised; the second collects the flagged neurons in index order.
    static void update_range(std::size_t lo, std::size_t hi, chunk_lists& out, const step_values now,
                             const neuron_storage<Value, layout>& group, const Stepper& group_stepper) {
        // A local copy of the per-step propagators: the state stores cannot alias it, so
        // they stay in registers across the loop.
        const auto stepper = group_stepper;
        // Local copies of the array pointers: the byte stores to not_refractory may alias
        // any memory the compiler cannot rule out, members included.
        const auto local_arrays = group.arrays;
        Value* const* const arrays = local_arrays.data();
        double* const times = group.lastspike;
        std::uint8_t* const active = group.not_refractory;
        std::int32_t flags[1 + n_events][block_size];
        // The new not_refractory of the block, written as bytes after the vector loop: a
        // byte store in it would make the vectoriser use 64 lanes (8 vectors of doubles).
        std::int32_t next_active[block_size];
        for (std::size_t b = lo; b < hi; b += block_size) {
            const std::size_t e = std::min(hi, b + block_size);
            std::int32_t any = 0;  // most blocks have no spike and no event: skip the scan
            BRIAN_IVDEP
            for (std::size_t i = b; i < e; ++i)
                any |= update_one(i, flags, next_active, i - b, arrays, times, active, stepper, now, group);
            if constexpr (model_type::has_refractory)
                for (std::size_t i = b; i < e; ++i) active[i] = static_cast<std::uint8_t>(next_active[i - b]);
            if (any == 0) continue;
            for_each_flagged(flags[0], e - b, [&](std::size_t j) {
                out[0].push_back(static_cast<std::int32_t>(b + j));
                // lastspike only changes for the neurons that spiked: written here, not by
                // every neuron in the vector loop (a store per neuron and step saved).
                if constexpr (model_type::has_refractory && n_events == 0) times[b + j] = now.t;
            });
            for (std::size_t k = 1; k < 1 + n_events; ++k)
                for_each_flagged(flags[k], e - b,
                                 [&](std::size_t j) { out[k].push_back(static_cast<std::int32_t>(b + j)); });
        }
    }

    /// Updates element i, writes its flags and its new not_refractory to column f; returns
    /// whether any flag is set.
    BRIAN_ALWAYS_INLINE static std::int32_t update_one(std::size_t i, std::int32_t (&flags)[1 + n_events][block_size],
                                                       std::int32_t* next_active, std::size_t f, Value* const* arrays,
                                                       double* times, std::uint8_t* active_flags,
                                                       const Stepper& stepper, const step_values now,
                                                       const neuron_storage<Value, layout>& group) {
        const double t = now.t, dt = now.dt;
        // The loop computes in the storage type (precision.hpp); time stays double.
        Value x[n_states == 0 ? 1 : n_states];
        for (std::size_t j = 0; j < n_states; ++j) x[j] = arrays[j][i];
        // A random stream per element only where the loop draws (none for CUBA).
        std::conditional_t<loop_is_random, random_stream, no_stream> rng(
            now.seed, stream_key(group.id, stream_purpose::update), now.step, i);
        const element_context<layout, true, Value, Value> ctx{
            arrays,       group.shared,       x,     i,           0, group.n, t, dt, rng.get(),
            group.linked, group.linked_index, times, active_flags};

        // constant_over_dt subexpressions: computed once, from the state at t.
        if constexpr (layout::n_held > 0)
            for_each_index<layout::n_held>([&](auto k) {
                constexpr auto value = code::template held_value<k>();
                arrays[layout::n_per_element - layout::n_held + k][i] = static_cast<Value>(value.eval(ctx));
            });

        // Refractoriness: Brian's not_refractory, computed from the state at t.
        [[maybe_unused]] bool active = true;
        [[maybe_unused]] double last = 0.0;
        if constexpr (model_type::has_refractory) {
            const bool nr_old = active_flags[i] != 0;
            last = times[i];
            if constexpr (model_type::refractory_type::is_condition) {
                active = nr_old | !refractory_expr.eval(ctx);
            } else if constexpr (refractory_constant) {
                // timestep(t - last) >= R without a division per neuron: the step count
                // floor((t - last)/dt + 0.001) reaches R exactly when
                // t - last + 0.001·dt >= R·dt (Brian's rule; rounding cannot differ since
                // t - last is a whole number of steps up to ~1e-12).
                active = t - last + 1e-3 * dt >= now.refractory_time;
            } else {
                const std::int64_t ref = clock::steps_for(refractory_expr.eval(ctx), dt);
                active = clock::steps_for(t - last, dt) >= ref;
            }
        }

        if constexpr (n_states > 0) {
            Value old[n_states];
            if constexpr (any_unless_refractory)
                for (std::size_t j = 0; j < n_states; ++j) old[j] = x[j];
            stepper.advance(ctx, x);
            if constexpr (any_unless_refractory && model_type::has_refractory) {
                // Brian's conditional write: refractory neurons keep these values.
                for (std::size_t j = 0; j < n_states; ++j)
                    if (unless_refractory_flags[j]) x[j] = active ? x[j] : old[j];
            }
            for (std::size_t j = 0; j < n_states; ++j) arrays[j][i] = x[j];
        }

        bool spiked = false;
        if constexpr (model_type::has_threshold) spiked = active & static_cast<bool>(threshold_expr.eval(ctx));
        flags[0][f] = spiked;
        if constexpr (model_type::has_refractory) {
            next_active[f] = active & !spiked;
            // Custom events' conditions see the new lastspike (else it is set in the scan).
            if constexpr (n_events > 0) times[i] = select(spiked, t, last);
        }
        std::int32_t any = spiked;
        if constexpr (n_events > 0)
            for_each_index<n_events>([&](auto k) {
                const bool happened = inline_subexpressions(Model.eqs, std::get<k>(events_list).condition).eval(ctx);
                flags[1 + k][f] = happened;
                any |= happened;
            });
        return any;
    }
};

}  // namespace brian::detail
