#pragma once

/// Layer 7: clocks, schedule, the network and its run loop, random seeds.
#include "brian/network/clock.hpp"
#include "brian/network/execution.hpp"
#include "brian/network/network.hpp"
#include "brian/network/network_operation.hpp"
#include "brian/network/report.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/seed.hpp"
