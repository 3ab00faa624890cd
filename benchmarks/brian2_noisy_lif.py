"""Uncoupled leaky integrate-and-fire neurons with white noise in Brian 2, the model of
examples/noisy_lif.cpp: a workload dominated by one Gaussian draw per neuron and step.

tau dv/dt = (El - v + RI) + sigma*sqrt(2*tau)*xi   (unless refractory), method 'euler',
tau = 10 ms, El = -70 mV, RI = 18 mV, sigma = 4 mV, threshold v > -50 mV, reset
v = -60 mV, refractory 2 ms, v(0) uniform in [Vr, Vt]. One SpikeMonitor on all neurons.

Command line and the final JSON line are those of the reference harness
(/work/shared/brian2/common.py, found through $BRIAN2_HARNESS_DIR).

    /usr/bin/python3 benchmarks/brian2_noisy_lif.py --device cpp_standalone [--N 100000]
        [--duration 0.1] [--seed S] [--threads T]
"""
import os
import sys

sys.path.insert(0, os.environ.get("BRIAN2_HARNESS_DIR", "/work/shared/brian2"))
import common  # noqa: E402
from stats import spike_stats  # noqa: E402

args = common.parse_args("noisy_lif", default_N=100000, default_duration=0.1,
                         description="noisy LIF population, as examples/noisy_lif.cpp")
b2 = common.setup(args)
from brian2 import ms, mV, second, NeuronGroup, SpikeMonitor  # noqa: E402

tau = 10 * ms
El = -70 * mV
Vr = -60 * mV
Vt = -50 * mV
RI = 18 * mV
sigma = 4 * mV

G = NeuronGroup(args.N, "dv/dt = (El - v + RI)/tau + sigma*sqrt(2/tau)*xi : volt (unless refractory)",
                threshold="v > Vt", reset="v = Vr", refractory=2 * ms, method="euler")
G.v = "Vr + rand()*(Vt - Vr)"
spikes = SpikeMonitor(G)

common.mark_built()
common.timed_run(b2, args.duration * second)

i = spikes.i[:]
t = spikes.t[:] / second
common.report(args, b2, n_spikes=len(i), extra=spike_stats(i, t, args.N, args.duration))
