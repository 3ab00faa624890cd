#pragma once

// Compiler hints for the generated element loops.

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

/// A loop body split into its own function for readability, inlined so that the loop can
/// still be vectorised.
#if defined(__GNUC__)
#define BRIAN_ALWAYS_INLINE [[gnu::always_inline]] inline
#else
#define BRIAN_ALWAYS_INLINE inline
#endif


#include <bit>
#include <cstdint>

namespace brian::detail {

/// `c ? a : b` as bit operations, for loop bodies that must stay free of branches: GCC
/// turns a conditional expression into conditional stores, which it vectorises as
/// scatters. Exact.
inline double select(bool c, double a, double b) {
    const std::uint64_t mask = -static_cast<std::uint64_t>(c);
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & mask) | (std::bit_cast<std::uint64_t>(b) & ~mask));
}

}  // namespace brian::detail
