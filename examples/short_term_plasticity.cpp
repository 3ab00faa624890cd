// Short-term synaptic plasticity (Tsodyks, Pawelzik & Markram 1998, Fig. 1; Brian 2's
// examples/frompapers/Tsodyks_Pawelzik_Markram_1998.py): a regular train through a
// depressing (A, 20 Hz) or facilitating (B: 20 Hz, C: 70 Hz) synapse onto a passive
// neuron. As in Brian's example the synapse has clock-driven equations for the recovered
// (x), active (y) and facilitation (u) fractions, integrated by exponential Euler, and
// drives the neuron through a summed current I_syn = A_SE·y. Prints the EPSP peaks of
// each panel (first, largest, last); deterministic, and equal to Brian's membrane
// potential (tests/validation/stp_tsodyks.cpp). The event-driven formulation of the same
// synapse is library::tsodyks_markram.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "common/cli.hpp"
#include "common/tsodyks_markram_1998.hpp"

using namespace brian;
using namespace brian::literals;
using namespace tpm1998;

/// Runs one panel; returns the EPSP peaks (mV), one per stimulus.
template <const auto& Synapse>
std::vector<double> run_panel(const char* name, double tau_mem_ms, double R_in_Mohm, double period_ms, double stop_ms,
                              double duration_ms, std::size_t& n_steps) {
    neuron_group<neuron> cell(1, name);
    cell[tau_mem] = tau_mem_ms * 1_ms;
    cell[R_in] = R_in_Mohm * 1_Mohm;
    const auto times = stimulus_times(100.0, stop_ms, period_ms);
    spike_generator_group input(1, std::vector<int>(times.size(), 0), times, ms);
    synapses S(input, cell, Synapse, "S");
    S.connect();
    S[x] = 1.0;  // start fully recovered
    state_monitor trace(cell, record(v), indices{0});
    network net(input, cell, S, trace);
    net.run(duration_ms * 1_ms);
    const auto vs = trace.values(v, mV);
    n_steps += vs.shape()[1];
    std::vector<double> peaks;
    for (std::size_t k = 0; k < times.size(); ++k) {  // the maximum between two stimuli
        const auto a = static_cast<std::size_t>(times[k] * 10),
                   b = std::min<std::size_t>(
                       k + 1 < times.size() ? static_cast<std::size_t>(times[k + 1] * 10) : a + 500, vs.shape()[1]);
        double m = vs(0, a);
        for (std::size_t s = a; s < b; ++s) m = std::max(m, vs(0, s));
        peaks.push_back(m);
    }
    std::fprintf(stderr, "short_term_plasticity: %s: %zu EPSPs, first %.3f mV, largest %.3f mV, last %.3f mV\n", name,
                 peaks.size(), peaks.front(), *std::max_element(peaks.begin(), peaks.end()), peaks.back());
    return peaks;
}

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {});
    for (const char* unused : {"--N", "--duration", "--threads", "--out"})
        if (opt.has(unused))
            std::fprintf(stderr, "short_term_plasticity: %s has no effect (three fixed panels, nothing written)\n",
                         unused);
    seed(opt.seed);
    std::size_t steps = 0;
    const double t_sim = example::timed([&] {
        run_panel<depressing>("A (depression, 20 Hz)", 40, 100, 50.0, 1100, 1200, steps);
        run_panel<facilitating>("B (facilitation, 20 Hz)", 60, 1000, 50.0, 1100, 1200, steps);
        run_panel<facilitating>("C (facilitation, 70 Hz)", 60, 1000, 1000.0 / 70.0, 375, 500, steps);
    });
    example::summary("short_term_plasticity", 3, 2.9, t_sim, 0);
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
