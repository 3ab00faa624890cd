#pragma once

/// Layer 4: integration methods and the neuron model that selects one.
#include "brian/integrators/linear.hpp"
#include "brian/integrators/matrix_exponential.hpp"
#include "brian/integrators/method.hpp"
#include "brian/integrators/stepper.hpp"
#include "brian/integrators/system.hpp"
#include "brian/model/neuron_model.hpp"
#include "brian/model/parts.hpp"
