// Tutorial: synaptic delays turn a spike pattern into a coincidence (or not).
//
// Three input neurons (a spike_generator_group) fire three patterns: the sequence 0, 1, 2
// at 10, 12, 14 ms, the reverse sequence 2, 1, 0 at 40, 42, 44 ms and a synchronous volley
// of all three at 70 ms. They drive two LIF neurons through two synapses objects:
//
//   S_hom: inputs -> neuron 0, one homogeneous delay of 1 ms (`delay(1_ms)`);
//   S_het: inputs -> neuron 1, per-synapse delays `S_het[delay] = 1_ms + (2 - i) * 2_ms`,
//          i.e. 5, 3, 1 ms for inputs 0, 1, 2.
//
// One EPSP is 5.5 mV and the threshold lies 15 mV above rest (tau = 5 ms): only three
// EPSPs arriving together reach it. Neuron 0 keeps the input timing, so it fires for the
// synchronous volley (71.1 ms); neuron 1's delays line up the forward sequence (all three
// arrive at 15 ms; spike at 15.1 ms) and spread out the volley. The pattern repeats every
// 100 ms, so `--duration 1` shows it ten times. Deterministic: tests/validation/
// delayed_synapses.cpp checks the spikes and both voltage traces against Brian 2.5.1
// (tests/validation/make_reference_delayed_synapses.py, the same model in Python).
//
//   delayed_synapses [--duration 0.1] [--out DIR]     (--N, --seed, --threads: no effect)
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <cstdio>
#include <vector>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;

constexpr auto tau = 5_ms;
constexpr auto El = -70_mV, Vr = -70_mV, Vt = -55_mV;
constexpr auto w = 5.5_mV;  // one EPSP; three coincident ones cross Vt - El = 15 mV

inline constexpr auto lif = neuron_model(equations(d(v) / dt = (El - v) / tau | unless_refractory), threshold(v > Vt),
                                         reset(v = Vr), refractory(2_ms), method::exact);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.duration = 0.1});
    const double duration = opt.duration;
    if (opt.has("--N")) std::fprintf(stderr, "delayed_synapses: --N has no effect (3 inputs, 2 neurons)\n");

    // Brian: SpikeGeneratorGroup(3, [0, 1, 2, 2, 1, 0, 0, 1, 2], [10, 12, 14, 40, ...]*ms, period=100*ms)
    const std::vector<std::int32_t> idx = {0, 1, 2, 2, 1, 0, 0, 1, 2};
    const std::vector<double> times = {10, 12, 14, 40, 42, 44, 70, 70, 70};
    spike_generator_group inputs(3, idx, times, ms, 100_ms, "inputs");

    neuron_group<lif> G(2, "neurons");
    G[v] = El;

    // Brian: Synapses(inputs, G, on_pre='v += w', delay=1*ms); S_hom.connect(condition='j == 0')
    synapses S_hom(inputs, G, on_pre(v += w), delay(1_ms), "S_hom");
    S_hom.connect(condition(j == 0));
    // Brian: S_het = Synapses(inputs, G, on_pre='v += w'); S_het.connect(condition='j == 1');
    //        S_het.delay = '1*ms + (2 - i)*2*ms'
    synapses S_het(inputs, G, on_pre(v += w), "S_het");
    S_het.connect(condition(j == 1));
    S_het[delay] = 1_ms + (2 - i) * 2_ms;

    spike_monitor spikes(G);
    network net(inputs, G, S_hom, S_het, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    std::printf(
        "inputs: sequence 0,1,2 at 10,12,14 ms; reverse 2,1,0 at 40,42,44 ms; volley at 70 ms (period 100 ms)\n");
    std::printf("S_hom -> neuron 0: %zu synapses, delay 1 ms\n", S_hom.size());
    const auto d = S_het[delay].in(ms);
    std::printf("S_het -> neuron 1: %zu synapses, delays", S_het.size());
    for (std::size_t k = 0; k < S_het.size(); ++k) std::printf(" %g", d(k));
    std::printf(" ms (inputs 0, 1, 2)\n");

    const char* pattern[] = {"forward sequence", "reverse sequence", "synchronous volley"};
    const auto ids = spikes.i();
    const auto ts = spikes.t(ms);
    for (std::size_t k = 0; k < spikes.num_spikes(); ++k) {
        const double in_period = ts(k) - 100.0 * static_cast<int>(ts(k) / 100.0);
        const int p = in_period < 30 ? 0 : in_period < 60 ? 1 : 2;
        std::printf("neuron %d spikes at %.1f ms (%s)\n", static_cast<int>(ids(k)), ts(k), pattern[p]);
    }
    example::write_spikes(opt.out, spikes, G.clock().dt());
    example::summary("delayed_synapses", 2, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
