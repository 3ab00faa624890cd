#pragma once

#include <tuple>
#include <type_traits>

namespace brian {

/// The precision of a neuron group's state: `neuron_group<cuba, precision<float>>` stores
/// its variables as single-precision floats (half the memory traffic per neuron and step)
/// and its update loop computes in float (twice the elements per vector instruction).
/// Time (`t`, `dt`, `lastspike`) and shared variables stay double: a float time loses a
/// whole step's resolution within minutes of simulated time (its spacing at t = 100 s is
/// 7.6 µs); so do elementary functions, random numbers and all code outside the loop.
template <class T>
struct precision {
    static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "brian: precision<T> takes float or double");
    using value_type = T;
};

namespace detail {

template <class P>
inline constexpr bool is_precision = false;
template <class T>
inline constexpr bool is_precision<precision<T>> = true;

template <class... Policies>
struct group_policies {
    static_assert((is_precision<Policies> && ...),
                  "brian: neuron_group<model, ...> takes one policy, precision<float> or precision<double>; the "
                  "execution policy is the network's (network net(execution::threads{2}, ...))");
    static_assert(sizeof...(Policies) <= 1, "brian: neuron_group<model, ...> takes at most one precision<...> policy");
    /// The storage type: the policy's, double without one.
    using first = std::tuple_element_t<0, std::tuple<Policies..., precision<double>>>;
    using value_type = typename std::conditional_t<is_precision<first>, first, precision<double>>::value_type;
};

}  // namespace detail

}  // namespace brian
