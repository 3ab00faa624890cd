#pragma once

// Compiler hints for the generated element loops.

#include <bit>
#include <cstdint>

/// Before a loop whose iterations touch disjoint elements (a group's update: element i
/// reads and writes index i of each array only): the arrays cannot overlap, so the
/// vectoriser needs no run-time alias checks between them.
#if defined(__clang__)
#define BRIAN_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define BRIAN_IVDEP _Pragma("GCC ivdep")
#else
#define BRIAN_IVDEP
#endif

/// For the functions an element loop calls (its body, expression-tree evaluation, the
/// math functions): a single call left in a loop stops the vectoriser, and GCC's inliner
/// gives up part-way through an HH model's expression tree.
#if defined(__GNUC__)
#define BRIAN_ALWAYS_INLINE [[gnu::always_inline]] inline
#else
#define BRIAN_ALWAYS_INLINE inline
#endif

namespace brian::detail {

/// `c ? a : b` as bit operations, for loop bodies that must stay free of branches: GCC
/// turns a conditional expression into conditional stores, which it vectorises as
/// scatters. Exact.
inline double select(bool c, double a, double b) {
    const std::uint64_t mask = -static_cast<std::uint64_t>(c);
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & mask) | (std::bit_cast<std::uint64_t>(b) & ~mask));
}

/// The same for float (a group's state in precision<float>).
inline float select(bool c, float a, float b) {
    const std::uint32_t mask = -static_cast<std::uint32_t>(c);
    return std::bit_cast<float>((std::bit_cast<std::uint32_t>(a) & mask) | (std::bit_cast<std::uint32_t>(b) & ~mask));
}

/// `c ? a : b` for pointers, without a branch: for a choice that varies unpredictably
/// from one element to the next (a branch would be mispredicted half the time).
template <class T>
T* select(bool c, T* a, T* b) {
    const std::uintptr_t mask = -static_cast<std::uintptr_t>(c);
    return reinterpret_cast<T*>((reinterpret_cast<std::uintptr_t>(a) & mask) |
                                (reinterpret_cast<std::uintptr_t>(b) & ~mask));
}

}  // namespace brian::detail
