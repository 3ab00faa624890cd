#pragma once

// The model of Tsodyks, Pawelzik & Markram (1998), Fig. 1, exactly as Brian 2's example
// frompapers/Tsodyks_Pawelzik_Markram_1998.py writes it (its subexpression z = 1 - x - y
// inlined): shared by examples/short_term_plasticity.cpp and its validation test.

#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <vector>

namespace tpm1998 {

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr parameter<"I_syn", amp> I_syn;
inline constexpr parameter<"tau_mem", second> tau_mem;
inline constexpr parameter<"R_in", ohm> R_in;
inline constexpr state<"x", dimensionless> x;  // recovered
inline constexpr state<"y", dimensionless> y;  // active
inline constexpr state<"u", dimensionless> u;  // facilitation

inline constexpr auto neuron = neuron_model(equations(d(v) / dt = -v / tau_mem + (R_in * I_syn) / tau_mem),
                                            method::exact);

// Panel A: depression only (U_SE = 0.6, tau_rec = 800 ms, tau_inact = 3 ms, A_SE = 250 pA).
inline constexpr auto depressing = synapse_model(equations(d(x) / dt = (1.0 - x - y) / 800_ms, d(y) / dt = -y / 3_ms),
                                                 summed(post(I_syn) = 250_pA * y),
                                                 on_pre(y += 0.6 * x,  // update y first, as Brian's example
                                                        x += -0.6 * x),
                                                 method::exponential_euler);

// Panels B and C: facilitation (U_SE = 0.03, tau_rec = 130 ms, tau_facil = 530 ms,
// tau_inact = 1.5 ms, A_SE = 1540 pA).
inline constexpr auto facilitating = synapse_model(
    equations(d(x) / dt = (1.0 - x - y) / 130_ms, d(y) / dt = -y / 1.5_ms, d(u) / dt = -u / 530_ms),
    summed(post(I_syn) = 1540_pA * y), on_pre(u += 0.03 * (1.0 - u), y += u * x, x += -u * x),
    method::exponential_euler);

/// numpy's arange(start, stop, period) in ms.
inline std::vector<double> stimulus_times(double start, double stop, double period) {
    std::vector<double> t;
    const auto n = static_cast<std::size_t>(std::ceil((stop - start) / period));
    for (std::size_t k = 0; k < n; ++k) t.push_back(start + static_cast<double>(k) * period);
    return t;
}

}  // namespace tpm1998
