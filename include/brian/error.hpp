#pragma once

#include "brian/detail/fixed_string.hpp"

namespace brian {

/// A compile-time diagnostic. It is declared and never defined: an operation that detects
/// a user's mistake returns `error<"brian: cannot add V and s">`, so the first error GCC
/// reports is "invalid use of incomplete type 'brian::error<...{"brian: cannot add V and
/// s"}>'" at the user's own line, instead of pages of Boost.Units types. `brian.hpp`
/// includes this header first, which keeps the compiler's include trace to two lines.
template <fixed_string Message>
struct error;

}  // namespace brian
