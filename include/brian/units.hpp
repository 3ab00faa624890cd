#pragma once

/// Layer 1: physical quantities, every unit Brian names, literals and printing.
#include "brian/units/dimension.hpp"
#include "brian/units/io.hpp"
#include "brian/units/literals.hpp"
#include "brian/units/math.hpp"
#include "brian/units/prefixes.hpp"
#include "brian/units/quantity.hpp"
#include "brian/units/unit_name.hpp"
