#pragma once

/// Layer 6: monitors.
#include "brian/monitors/population_rate_monitor.hpp"
#include "brian/monitors/record.hpp"
#include "brian/monitors/spike_counter.hpp"
#include "brian/monitors/spike_monitor.hpp"
#include "brian/monitors/state_monitor.hpp"
