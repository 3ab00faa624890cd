#pragma once

// The storage precision of the benchmark examples' neuron groups: double, or float in the
// <name>_float builds (examples/CMakeLists.txt defines BRIAN_EXAMPLE_FLOAT for them).

#include <brian/groups/precision.hpp>

namespace example {
#ifdef BRIAN_EXAMPLE_FLOAT
using state_precision = brian::precision<float>;
#else
using state_precision = brian::precision<double>;
#endif
}  // namespace example
