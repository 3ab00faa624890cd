#pragma once

/// Layer 5: neuron groups, subgroups and inputs.
#include "brian/groups/neuron_group.hpp"
#include "brian/groups/poisson_group.hpp"
#include "brian/groups/spike_generator_group.hpp"
#include "brian/groups/subgroup.hpp"
#include "brian/groups/timed_array.hpp"
#include "brian/groups/variable_view.hpp"
