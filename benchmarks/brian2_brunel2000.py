"""Brunel (2000) sparse E/I network of LIF neurons in Brian 2, the model of
examples/brunel2000.cpp (after Brian 2's example frompapers/Brunel_2000.py).

N_E = N / 1.25 excitatory and N_I = N - N_E inhibitory neurons (N = 12500: 10000 + 2500),
dv/dt = -v/tau (unless refractory), tau = 20 ms, threshold v > theta = 20 mV, reset
v = V_r = 10 mV, refractory tau_rp = 2 ms, method 'exact', v = 0 initially.
Synapses from E (on_pre v += J) and from I (on_pre v += -g*J) onto all neurons,
connect(p=epsilon), epsilon = 0.1, J = 0.1 mV, delay D = 1.5 ms.
External drive: PoissonInput onto v with C_ext = round(epsilon * N_E) sources per neuron
at nu_ext = ratio * nu_thr, nu_thr = theta / (J * C_E * tau) (10 Hz for N_E = 10000),
weight J. Monitoring as the C++ example: one SpikeMonitor on all neurons, nothing else
(Brian's example records only 50 neurons and a PopulationRateMonitor).

Command line and the final JSON line are those of the reference harness
(/work/shared/brian2/common.py, found through $BRIAN2_HARNESS_DIR), plus
--g (default 5) and --nu-ext-ratio (default 2): g = 5, ratio 2 is the asynchronous
irregular regime (Brunel 2000, fig. 8C).

    /usr/bin/python3 benchmarks/brian2_brunel2000.py --device cpp_standalone [--N 12500]
        [--duration 0.2] [--seed S] [--threads T] [--g 5] [--nu-ext-ratio 2] [--dump DIR]
"""
import os
import sys

sys.path.insert(0, os.environ.get("BRIAN2_HARNESS_DIR", "/work/shared/brian2"))
import common  # noqa: E402
from stats import spike_stats  # noqa: E402


def options(p):
    p.add_argument("--g", type=float, default=5.0,
                   help="relative strength of inhibition (default %(default)s)")
    p.add_argument("--nu-ext-ratio", type=float, default=2.0,
                   help="nu_ext / nu_thr (default %(default)s)")


args = common.parse_args("brunel2000", default_N=12500, default_duration=0.2, add_extra=options,
                         description="Brunel (2000) E/I network, as examples/brunel2000.cpp")
b2 = common.setup(args)
from brian2 import ms, mV, second, NeuronGroup, Synapses, PoissonInput, SpikeMonitor  # noqa: E402

N = args.N
N_E = int(round(N / 1.25))
N_I = N - N_E
epsilon = 0.1
C_E = epsilon * N_E
C_ext = int(round(C_E))

tau = 20 * ms
tau_rp = 2 * ms
theta = 20 * mV
V_r = 10 * mV
J = 0.1 * mV
D = 1.5 * ms
g = args.g
nu_thr = theta / (J * C_E * tau)
nu_ext = args.nu_ext_ratio * nu_thr

neurons = NeuronGroup(N, "dv/dt = -v/tau : volt (unless refractory)",
                      threshold="v > theta", reset="v = V_r", refractory=tau_rp,
                      method="exact")
exc = Synapses(neurons[:N_E], neurons, on_pre="v += J", delay=D)
inh = Synapses(neurons[N_E:], neurons, on_pre="v += -g*J", delay=D)
exc.connect(p=epsilon)
inh.connect(p=epsilon)
external = PoissonInput(neurons, "v", N=C_ext, rate=nu_ext, weight=J)
spikes = SpikeMonitor(neurons)

common.mark_built()
common.timed_run(b2, args.duration * second)

i = spikes.i[:]
t = spikes.t[:] / second
st = spike_stats(i, t, N, args.duration)
out = {
    "g": g,
    "nu_ext_ratio": args.nu_ext_ratio,
    "nu_ext_hz": float(nu_ext * second),
    "n_synapses": int(len(exc) + len(inh)),
    "rate_exc_hz": round(float((i < N_E).sum()) / (N_E * args.duration), 4),
    "rate_inh_hz": round(float((i >= N_E).sum()) / (N_I * args.duration), 4) if N_I else None,
    **st,
}
if args.dump:
    common.dump_spikes(args, i, t, float(b2.defaultclock.dt / second))
common.report(args, b2, n_spikes=len(i), extra=out)
