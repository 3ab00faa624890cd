"""Brian 2 reference data of examples/delayed_synapses.cpp (tests/validation/delayed_synapses.cpp).

A sibling of make_reference.py (same conventions: Brian's runtime device, numpy target,
dt = 0.1 ms, a fresh start_scope() and Network, explicit namespace, deterministic output:
re-running it rewrites byte-identical files). Run with Debian's interpreter (the one that
has Brian 2.5.1):

    /usr/bin/python3 tests/validation/make_reference_delayed_synapses.py [--out DIR]

The model (README.md, "(o) delayed synapses"): three inputs (SpikeGeneratorGroup) fire a
forward sequence 0, 1, 2 at 10, 12, 14 ms, the reverse sequence 2, 1, 0 at 40, 42, 44 ms
and a synchronous volley at 70 ms. They drive two LIF neurons through two Synapses
objects: S_hom (one homogeneous delay of 1 ms) onto neuron 0 and S_het (per-synapse
delays 1 ms + (2 - i) 2 ms = 5, 3, 1 ms) onto neuron 1. One EPSP is 5.5 mV, the threshold
15 mV above rest: only three EPSPs arriving in the same step fire a neuron, so neuron 0
detects synchrony (spike at 71.1 ms) and neuron 1 the forward sequence (15.1 ms).

Writes into data/:
* delayed_synapses_spikes.csv (i, step, t_ms): the spikes of the two neurons.
* delayed_synapses_v.csv (step, v0_mV, v1_mV): v of both neurons at the start of each
  step 0..999 (StateMonitor, record=True), %.17g.
"""
import argparse
import os
import warnings

# Debian's pythran (imported by scipy, which Brian imports) warns on import.
warnings.filterwarnings("ignore", category=FutureWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", default=os.path.join(HERE, "data"))
ARGS = parser.parse_args()

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import (ms, mV, second, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor,  # noqa: E402
                    StateMonitor, Network, Synapses, defaultclock, prefs)

b2.BrianLogger.log_level_error()
prefs.codegen.target = "numpy"
DT = 0.1 * ms
os.makedirs(ARGS.out, exist_ok=True)

b2.start_scope()
defaultclock.dt = DT
ns = dict(tau=5 * ms, El=-70 * mV, Vr=-70 * mV, Vt=-55 * mV, w=5.5 * mV)
indices = [0, 1, 2, 2, 1, 0, 0, 1, 2]
times = np.array([10, 12, 14, 40, 42, 44, 70, 70, 70]) * ms
inputs = SpikeGeneratorGroup(3, indices, times)
G = NeuronGroup(2, "dv/dt = (El - v)/tau : volt (unless refractory)", threshold="v > Vt",
                reset="v = Vr", refractory=2 * ms, method="exact", namespace=ns)
G.v = ns["El"]
S_hom = Synapses(inputs, G, on_pre="v += w", delay=1 * ms, namespace=ns)
S_hom.connect(condition="j == 0")
S_het = Synapses(inputs, G, on_pre="v += w", namespace=ns)
S_het.connect(condition="j == 1")
S_het.delay = "1*ms + (2 - i)*2*ms"
spikes = SpikeMonitor(G)
trace = StateMonitor(G, "v", record=True)
net = Network(inputs, G, S_hom, S_het, spikes, trace)
net.run(100 * ms)

assert list(S_het.delay[:] / ms) == [5.0, 3.0, 1.0], S_het.delay[:]
step = np.rint(np.asarray(spikes.t[:] / second) / float(DT / second)).astype(np.int64)
i = np.asarray(spikes.i[:], dtype=np.int64)
order = np.lexsort((i, step))
i, step = i[order], step[order]
# neuron 1: forward sequence arriving at 15 ms (step 150); neuron 0: volley at 71 ms
assert list(zip(i, step)) == [(1, 151), (0, 711)], list(zip(i, step))

with open(os.path.join(ARGS.out, "delayed_synapses_spikes.csv"), "w") as f:
    f.write("i,step,t_ms\n")
    for a, s in zip(i, step):
        f.write("%d,%d,%.4f\n" % (a, s, s * 0.1))
v = np.asarray(trace.v[:] / mV)
assert v.shape == (2, 1000), v.shape
with open(os.path.join(ARGS.out, "delayed_synapses_v.csv"), "w") as f:
    f.write("step,v0_mV,v1_mV\n")
    for s in range(v.shape[1]):
        f.write("%d,%.17g,%.17g\n" % (s, v[0, s], v[1, s]))
# the margins: how far the largest subthreshold peak stays below threshold
peaks = [np.max(np.where(v[k] > -55, -100, v[k])) for k in range(2)]
print("spikes", list(zip(i, step)), "largest subthreshold v (mV):", peaks)
