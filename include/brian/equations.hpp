#pragma once

/// Layer 3: differential equations, flags, subexpressions.
#include "brian/equations/equations.hpp"
#include "brian/equations/flags.hpp"
#include "brian/equations/ode.hpp"
