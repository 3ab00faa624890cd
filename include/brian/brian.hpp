#pragma once

// First, so that a compile-time diagnostic's include trace is short (see error.hpp).
#include "brian/error.hpp"

#include "brian/equations.hpp"
#include "brian/expr.hpp"
#include "brian/groups.hpp"
#include "brian/integrators.hpp"
#include "brian/monitors.hpp"
#include "brian/network.hpp"
#include "brian/synapses.hpp"
#include "brian/units.hpp"
#include "brian/units/exports.hpp"

/// Everything a model needs, under `using namespace brian;`: Brian 2's unit names (`mV`,
/// `ms`, `nS` ..., see units/exports.hpp), symbols, built-ins, the expression language,
/// models, groups, monitors and networks.
namespace brian {
using namespace brian::expr;
}  // namespace brian
