#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "brian/groups/layout.hpp"
#include "brian/random/philox.hpp"

namespace brian {

/// The evaluation context of a group's generated loops: element `i`'s variables in the
/// group's structure-of-arrays storage, its shared variables, time, and its random stream.
/// With `LocalStates` the state variables are read from `x` instead (an integrator's
/// registers or intermediate stage); statements always write the storage. Per-element
/// variables are stored as `T` (the group's precision), except `lastspike` (`times`: always
/// double) and `not_refractory` (`active`: one byte per element, so that synapses' checks
/// of it hit L1). The arithmetic is `R`'s (`real_type`): double, or float in the update
/// loop of a group of precision<float>; the time (t, dt, lastspike) is always double.
template <class Layout, bool LocalStates, class T = double, class R = double>
struct element_context {
    using real_type = R;
    T* const* arrays = nullptr;
    double* shared = nullptr;
    const R* x = nullptr;
    std::size_t i = 0;       ///< absolute index into the storage
    std::size_t offset = 0;  ///< first element of the (sub)group: `i` in expressions is i - offset
    std::size_t n = 0;       ///< size of the (sub)group: `N` in expressions
    double time = 0.0;
    double step = 0.0;
    random_stream* rng = nullptr;
    /// Linked variables: the source arrays, and per source an index map (or null for
    /// element i reading the source's element i - offset).
    const T* const* linked = nullptr;
    const std::int64_t* const* linked_index = nullptr;
    double* times = nullptr;         ///< lastspike, when the model is refractory
    std::uint8_t* active = nullptr;  ///< not_refractory, when the model is refractory

    template <class X>
    static constexpr bool is_time = std::is_same_v<X, std::remove_cvref_t<decltype(lastspike)>>;
    template <class X>
    static constexpr bool is_flag = std::is_same_v<X, std::remove_cvref_t<decltype(not_refractory)>>;

    template <class X>
    auto get(const X&) const {
        constexpr std::size_t e = Layout::template element_slot<X>;
        constexpr std::size_t s = Layout::template shared_slot<X>;
        constexpr std::size_t l = Layout::template linked_slot<X>;
        static_assert(e < Layout::n_per_element || s < Layout::n_shared || l < Layout::n_linked,
                      "brian: a variable used here is not stored by this group");
        if constexpr (LocalStates && e < Layout::n_states) return x[e];
        else if constexpr (is_time<X>) return times[i];
        else if constexpr (is_flag<X>) return static_cast<R>(active[i]);
        else if constexpr (e < Layout::n_per_element) return static_cast<R>(arrays[e][i]);
        else if constexpr (s < Layout::n_shared) return static_cast<R>(shared[s]);
        else return static_cast<R>(linked[l][linked_index[l] ? linked_index[l][i] : static_cast<std::int64_t>(i)]);
    }
    template <class X>
    decltype(auto) ref(const X&) const {
        constexpr std::size_t e = Layout::template element_slot<X>;
        constexpr std::size_t s = Layout::template shared_slot<X>;
        static_assert(e < Layout::n_per_element || s < Layout::n_shared,
                      "brian: a variable assigned here is not stored by this group");
        if constexpr (is_time<X>) return (times[i]);
        else if constexpr (is_flag<X>) return (active[i]);
        else if constexpr (e < Layout::n_per_element) return (arrays[e][i]);
        else return (shared[s]);
    }

    /// The same element with state variables read from `xs` at time t + fraction·dt.
    element_context<Layout, true, T, R> with_states(const R* xs, double fraction) const {
        return {arrays, shared, xs,           i,     offset, n, time + fraction * step, step,
                rng,    linked, linked_index, times, active};
    }

    double t() const { return time; }
    double dt() const { return step; }
    std::size_t index() const { return i - offset; }
    std::size_t size() const { return n; }
    double uniform() const { return rng->uniform(); }
    double normal() const { return rng->normal(); }
    double xi() const { return rng->normal() / std::sqrt(step); }
};

}  // namespace brian
