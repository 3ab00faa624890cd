#pragma once

// First, so that a compile-time diagnostic's include trace is short (see error.hpp).
#include "brian/error.hpp"

#include "brian/equations.hpp"
#include "brian/expr.hpp"
#include "brian/groups.hpp"
#include "brian/integrators.hpp"
#include "brian/monitors.hpp"
#include "brian/network.hpp"
#include "brian/units.hpp"

/// Everything a model needs, under `using namespace brian;`: units and unit constants
/// (`mV`, `ms`, `nS` ...), symbols, built-ins, the expression language, models, groups,
/// monitors and networks.
namespace brian {
using namespace brian::units;
using namespace brian::expr;
}  // namespace brian
