"""Brian 2's synfire chain (examples/frompapers/Diesmann_et_al_1999.py) with the packet
analysis of examples/synfire_chain.cpp, for comparison with the C++ example.

    /usr/bin/python3 tests/validation/synfire_brian.py [--a 85] [--sigma 1] [--seeds 1,2,3]
                                                       [--target numpy|cython]

The model is Brian's example verbatim (euler, dt = 0.1 ms, 100 ms, packet at 50 ms), with
explicit namespaces, a seed per run and the input times drawn by numpy after seed(s). For
each seed it prints the per-group packet (neurons firing, sd of their first spike times in
ms, median time) and whether the packet reaches the last group (at least half of it
fires); at the end the fraction of seeds in which it propagated and the mean a and sd of
the last group over those seeds.
"""
import argparse
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--a", type=int, default=85)
parser.add_argument("--sigma", type=float, default=1.0, help="ms")
parser.add_argument("--seeds", default="1,2,3")
parser.add_argument("--target", choices=["numpy", "cython"], default="numpy")
parser.add_argument("--quiet", action="store_true", help="only the summary line per seed")
ARGS = parser.parse_args()

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import (ms, mV, Equations, NeuronGroup, SpikeGeneratorGroup, Synapses,  # noqa: E402
                    SpikeMonitor, Network, defaultclock, prefs)

b2.BrianLogger.log_level_error()
prefs.codegen.target = ARGS.target

N_GROUPS, GROUP_SIZE = 10, 100


def run(seed):
    b2.start_scope()
    defaultclock.dt = 0.1 * ms
    b2.seed(seed)
    ns = dict(Vr=-70 * mV, Vt=-55 * mV, taum=10 * ms, taupsp=0.325 * ms, weight=4.86 * mV)
    eqs = Equations('''
    dV/dt = (-(V-Vr)+x)*(1./taum) : volt
    dx/dt = (-x+y)*(1./taupsp) : volt
    dy/dt = -y*(1./taupsp)+25.27*mV/ms+
            (39.24*mV/ms**0.5)*xi : volt
    ''')
    P = NeuronGroup(N=N_GROUPS * GROUP_SIZE, model=eqs, threshold='V>Vt', reset='V=Vr',
                    refractory=1 * ms, method='euler', namespace=ns)
    t_in = np.random.randn(ARGS.a) * ARGS.sigma * ms + 50 * ms
    Pinput = SpikeGeneratorGroup(ARGS.a, np.arange(ARGS.a), t_in)
    S = Synapses(P, P, on_pre='y+=weight', namespace=ns)
    S.connect(j='k for k in range((int(i/group_size)+1)*group_size, (int(i/group_size)+2)*group_size) '
                'if i<N_pre-group_size', namespace=dict(group_size=GROUP_SIZE))
    Sinput = Synapses(Pinput, P[:GROUP_SIZE], on_pre='y+=weight', namespace=ns)
    Sinput.connect()
    M = SpikeMonitor(P)
    P.V = 'Vr + rand() * (Vt - Vr)'
    net = Network(P, Pinput, S, Sinput, M)
    net.run(100 * ms, namespace=ns)
    return np.asarray(t_in / ms), np.asarray(M.i[:]), np.asarray(M.t[:] / ms)


def within(i, t, lo, hi):
    keep = (t >= lo) & (t <= hi)
    return i[keep], t[keep]


def find_packet(i, t, lo, hi):
    """As find_packet in examples/synfire_chain.cpp (spikes sorted by time)."""
    wi, wt = within(i, t, lo, hi)
    if len(wt) == 0:
        return 0, lo, 0.0
    m = np.median(wt)
    wi, wt = within(i, t, m - 5, m + 5)
    m = np.median(wt)
    half = min(max(4 * 1.4826 * np.median(np.abs(wt - m)), 1.0), 5.0)
    wi, wt = within(i, t, m - half, m + half)
    _, first = np.unique(wi, return_index=True)
    ft = wt[np.sort(first)]
    return len(ft), float(np.median(ft)), float(np.std(ft))


results = []
for seed in [int(s) for s in ARGS.seeds.split(",")]:
    t_in, i, t = run(seed)
    order = np.argsort(t, kind="stable")
    i, t = i[order], t[order]
    lo = t_in.min()
    rows = []
    for g in range(N_GROUPS):
        sel = (i // GROUP_SIZE) == g
        a, c, sd = find_packet(i[sel], t[sel], lo, lo + 15)
        rows.append((a, sd, c))
        lo = c if a > 0 else lo + 2
    a_last, sd_last, _ = rows[-1]
    ok = a_last >= GROUP_SIZE // 2
    results.append((ok, a_last, sd_last))
    if not ARGS.quiet:
        print("seed %d: input a = %d, sd = %.3f ms" % (seed, ARGS.a, np.std(t_in)))
        for g, (a, sd, c) in enumerate(rows):
            print("  group %d: a = %3d, sd = %.3f ms, t = %.2f ms" % (g, a, sd, c))
    print("seed %d: a per group %s, last sd %.3f ms: %s" % (
        seed, [r[0] for r in rows], sd_last, "propagates" if ok else "does not propagate"))
prop = [r for r in results if r[0]]
print("a = %d, sigma = %g ms: propagates in %d of %d seeds%s" % (
    ARGS.a, ARGS.sigma, len(prop), len(results),
    "; last group mean a %.1f, mean sd %.3f ms" % (np.mean([r[1] for r in prop]), np.mean([r[2] for r in prop]))
    if prop else ""))
