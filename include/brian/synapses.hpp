#pragma once

/// Synapses: pathways (on_pre/on_post, delays), connectivity, event- and clock-driven
/// synaptic equations, summed variables, Poisson input.
#include "brian/groups.hpp"
#include "brian/synapses/clock_driven.hpp"
#include "brian/synapses/connectivity.hpp"
#include "brian/synapses/pathway.hpp"
#include "brian/synapses/poisson_input.hpp"
#include "brian/synapses/spike_queue.hpp"
#include "brian/synapses/summed.hpp"
#include "brian/synapses/synapse_context.hpp"
#include "brian/synapses/synapse_layout.hpp"
#include "brian/synapses/synapse_model.hpp"
#include "brian/synapses/synapses.hpp"
#include "brian/synapses/synaptic_code.hpp"
