#pragma once

/// Layer 2: expressions over named symbols with units, checked at compile time; their
/// analysis (dependencies, derivative, linearity), evaluation and printing.
#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/analysis/derivative.hpp"
#include "brian/expr/analysis/linearity.hpp"
#include "brian/expr/analysis/substitute.hpp"
#include "brian/expr/arithmetic.hpp"
#include "brian/expr/builtins.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/context.hpp"
#include "brian/expr/functions.hpp"
#include "brian/expr/logic.hpp"
#include "brian/expr/print.hpp"
#include "brian/expr/statement.hpp"
#include "brian/expr/symbol.hpp"
