#pragma once

/// Synapses: pre/post variables, on_pre pathways, connectivity, propagation with delays.
#include "brian/groups.hpp"
#include "brian/synapses/connectivity.hpp"
#include "brian/synapses/poisson_input.hpp"
#include "brian/synapses/synapse_model.hpp"
#include "brian/synapses/synapses.hpp"
#include "brian/synapses/synaptic_code.hpp"
