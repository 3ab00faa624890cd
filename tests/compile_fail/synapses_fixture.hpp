#pragma once
// The neuron model shared by the synapses compile-fail tests: each test adds one mistake.
#include <brian/brian.hpp>
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr parameter<"I", amp> I;
inline constexpr parameter<"w", siemens> w;
inline constexpr auto m = neuron_model(equations(d(v) / dt = (ge - v + I * 1_Mohm) / 10_ms, d(ge) / dt = -ge / 5_ms),
                                       threshold(v > 1_mV), reset(v = 0_mV));
