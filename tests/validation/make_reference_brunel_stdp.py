"""Brian 2 reference statistics of the Brunel (2000) network and of STDP (Song et al. 2000).

A sibling of make_reference.py (same conventions: Brian's runtime device, dt = 0.1 ms, a
fresh start_scope() and Network per run, explicit namespaces, fixed seeds, deterministic
output). Run with Debian's interpreter (the one that has Brian 2.5.1):

    /usr/bin/python3 tests/validation/make_reference_brunel_stdp.py          # writes data/
    /usr/bin/python3 tests/validation/make_reference_brunel_stdp.py --only brunel --out /tmp/ref

Writes (README.md, "(m) Brunel 2000" and "(n) STDP"):

* net_stats_brunel_g<g>_r<ratio>.csv, one per regime: one row per seed, the columns of the
  net_stats_* files (spike_statistics.py) plus g and nu_ext_ratio.
* stdp_hist.csv: per seed and checkpoint time t_s, the post-synaptic spike count in [0, t_s],
  mean w/gmax, fractions of w < 0.1 gmax and > 0.9 gmax and the 20-bin histogram of w/gmax.

Brunel runs with the numpy code generation target (about 10 s per 0.2 s run: 15.6 million
synapses), STDP with the Cython target (about 25 s per seed for 100 s; the numpy target
would take many minutes per seed). Options: --only brunel,stdp, --brunel-seeds, --stdp-seeds,
--brunel-duration, --stdp-checkpoints.
"""
import argparse
import os
import sys
import time
import warnings

# Debian's pythran (imported by scipy, which Brian imports) warns on import.
warnings.filterwarnings("ignore", category=FutureWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = ["brunel", "stdp"]
# (g, nu_ext / nu_thr): Brunel (2000) fig. 8: asynchronous irregular (C), synchronous
# irregular with slow oscillation (D), synchronous irregular with fast oscillation (B).
BRUNEL_REGIMES = [(5.0, 2.0), (4.5, 0.9), (6.0, 4.0)]

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", default=os.path.join(HERE, "data"))
parser.add_argument("--only", default=",".join(CASES))
parser.add_argument("--brunel-seeds", type=int, default=10, help="seeds 1..n per regime (default 10)")
parser.add_argument("--brunel-duration", type=float, default=0.2, help="seconds (default 0.2)")
parser.add_argument("--brunel-target", choices=["numpy", "cython"], default="numpy")
parser.add_argument("--stdp-seeds", type=int, default=10, help="seeds 1..n (default 10)")
parser.add_argument("--stdp-checkpoints", default="10,20,50,100",
                    help="seconds at which the weights are recorded; the last is the duration")
parser.add_argument("--cython-cache", default=os.path.join(
    os.environ.get("BRIAN2_REFS_WORKDIR", "/tmp/brian2_refs"), "cython_cache", "validation_stdp"))
ARGS = parser.parse_args()

import numpy as np  # noqa: E402
sys.path.insert(0, HERE)
from spike_statistics import network_statistics  # noqa: E402 (next to this script)
import brian2 as b2  # noqa: E402
from brian2 import (ms, mV, Hz, second, NeuronGroup, PoissonGroup, PoissonInput,  # noqa: E402
                    SpikeMonitor, Network, Synapses, defaultclock, prefs)

b2.BrianLogger.log_level_error()
DT = 0.1 * ms
os.makedirs(ARGS.out, exist_ok=True)


def fresh(seed):
    b2.start_scope()
    defaultclock.dt = DT
    b2.seed(seed)


def write_csv(name, header, rows, fmts):
    with open(os.path.join(ARGS.out, name), "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(fmt % v for fmt, v in zip(fmts, row)) + "\n")
    return name


def spike_steps(mon):
    i = np.asarray(mon.i[:], dtype=np.int64)
    step = np.rint(np.asarray(mon.t[:] / second) / float(DT / second)).astype(np.int64)
    return i, step


# ----------------------------------------------------------------------------
# (m) Brunel (2000), Brian's example frompapers/Brunel_2000.py (= examples/brunel2000.cpp)
# ----------------------------------------------------------------------------

def brunel_network(g, ratio, N_E=10000):
    """N_E excitatory + N_E/4 inhibitory LIF neurons, epsilon = 0.1, J = 0.1 mV, delay 1.5 ms,
    C_ext = C_E Poisson sources per neuron at nu_ext = ratio * nu_thr (PoissonInput)."""
    N_I = round(0.25 * N_E)
    N = N_E + N_I
    epsilon = 0.1
    C_E = epsilon * N_E
    C_ext = int(C_E)
    ns = dict(tau=20 * ms, theta=20 * mV, V_r=10 * mV, J=0.1 * mV, g=g)
    nu_thr = ns["theta"] / (ns["J"] * C_E * ns["tau"])
    neurons = NeuronGroup(N, "dv/dt = -v/tau : volt (unless refractory)",
                          threshold="v > theta", reset="v = V_r", refractory=2 * ms,
                          method="exact", namespace=ns)  # v = 0 initially, as in the example
    exc = Synapses(neurons[:N_E], neurons, on_pre="v += J", delay=1.5 * ms, namespace=ns)
    exc.connect(p=epsilon)
    inh = Synapses(neurons[N_E:], neurons, on_pre="v += -g*J", delay=1.5 * ms, namespace=ns)
    inh.connect(p=epsilon)
    ext = PoissonInput(neurons, "v", N=C_ext, rate=ratio * nu_thr, weight=ns["J"])
    return neurons, exc, inh, ext, N_E


BRUNEL_COLUMNS = ["seed", "N", "duration_s", "g", "nu_ext_ratio", "n_synapses", "n_spikes", "rate_hz",
                  "rate_exc_hz", "rate_inh_hz", "cv_isi", "n_cv", "fano_pop_1ms", "fano_neuron_100ms",
                  "frac_silent"]


def brunel_file(g, ratio):
    return f"net_stats_brunel_g{g:g}_r{ratio:g}.csv"


def brunel():
    prefs.codegen.target = ARGS.brunel_target
    dur = ARGS.brunel_duration
    n_steps = int(round(dur / float(DT / second)))
    info = []
    for g, ratio in BRUNEL_REGIMES:
        rows = []
        t0 = time.perf_counter()
        for s in range(1, ARGS.brunel_seeds + 1):
            fresh(s)
            neurons, exc, inh, ext, N_E = brunel_network(g, ratio)
            N = len(neurons)
            sm = SpikeMonitor(neurons)
            net = Network(neurons, exc, inh, ext, sm)
            net.run(dur * second)
            i, step = spike_steps(sm)
            st = network_statistics(i, step, N, N_E, n_steps)
            rows.append([s, N, dur, g, ratio, len(exc) + len(inh)] + [st[c] for c in BRUNEL_COLUMNS[6:]])
            print(f"  brunel g={g:g} ratio={ratio:g} seed {s}: {len(i)} spikes, "
                  f"rate {st['rate_hz']:.3f} Hz, cv {st['cv_isi']:.4f}", flush=True)
        fmts = ["%d", "%d", "%g", "%g", "%g", "%d", "%d"] + ["%.6f"] * 4 + ["%d"] + ["%.6f"] * 3
        name = write_csv(brunel_file(g, ratio), BRUNEL_COLUMNS, rows, fmts)
        r = np.array(rows, dtype=float)
        info.append(f"{name} ({time.perf_counter() - t0:.0f} s): " + ", ".join(
            f"{c} {r[:, k].mean():.4g}+-{r[:, k].std(ddof=1):.2g}" for k, c in enumerate(BRUNEL_COLUMNS)
            if c in ("rate_hz", "cv_isi", "fano_pop_1ms", "fano_neuron_100ms", "frac_silent")))
    return "; ".join(info)


# ----------------------------------------------------------------------------
# (n) STDP, Brian's example synapses/STDP.py (= ../shared/brian2/stdp.py, examples/stdp_song.cpp)
# ----------------------------------------------------------------------------

STDP_NS = dict(taum=10 * ms, taupre=20 * ms, taupost=20 * ms, Ee=0 * mV, vt=-54 * mV,
               vr=-60 * mV, El=-74 * mV, taue=5 * ms, gmax=0.01,
               dApre=0.01 * 0.01, dApost=-0.01 * 1.05 * 0.01)  # dApost = -dApre*taupre/taupost*1.05


def stdp_network(N=1000, F=15 * Hz):
    inp = PoissonGroup(N, rates=F)
    neuron = NeuronGroup(1, """dv/dt = (ge * (Ee-v) + El - v) / taum : volt
                               dge/dt = -ge / taue : 1""",
                         threshold="v>vt", reset="v = vr", method="euler", namespace=STDP_NS)
    S = Synapses(inp, neuron,
                 """w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)""",
                 on_pre="""ge += w
                           Apre += dApre
                           w = clip(w + Apost, 0, gmax)""",
                 on_post="""Apost += dApost
                            w = clip(w + Apre, 0, gmax)""", namespace=STDP_NS)
    S.connect()
    S.w = "rand() * gmax"
    return inp, neuron, S


STDP_COLUMNS = (["seed", "t_s", "n_post_spikes", "post_rate_hz", "w_mean_over_gmax", "frac_w_below_0.1",
                 "frac_w_above_0.9"] + [f"h{b:02d}" for b in range(20)])


def stdp():
    prefs.codegen.target = "cython"
    os.makedirs(ARGS.cython_cache, exist_ok=True)
    prefs.codegen.runtime.cython.cache_dir = ARGS.cython_cache
    checkpoints = [float(x) for x in ARGS.stdp_checkpoints.split(",")]
    gmax = STDP_NS["gmax"]
    rows = []
    t0 = time.perf_counter()
    for s in range(1, ARGS.stdp_seeds + 1):
        fresh(s)
        inp, neuron, S = stdp_network()
        post = SpikeMonitor(neuron)
        net = Network(inp, neuron, S, post)
        t_done = 0.0
        for t_c in checkpoints:  # consecutive runs continue the same random stream
            net.run((t_c - t_done) * second)
            t_done = t_c
            w = np.asarray(S.w[:]) / gmax
            hist, _ = np.histogram(w, bins=20, range=(0, 1))
            n = int(post.num_spikes)
            rows.append([s, t_c, n, n / t_c, w.mean(), (w < 0.1).mean(), (w > 0.9).mean()] + list(hist))
        print(f"  stdp seed {s}: {rows[-1][2]} post spikes in {t_done:g} s, mean w/gmax {rows[-1][4]:.4f}, "
              f"< 0.1: {rows[-1][5]:.3f}, > 0.9: {rows[-1][6]:.3f}", flush=True)
    fmts = ["%d", "%g", "%d", "%.6f", "%.6f", "%.4f", "%.4f"] + ["%d"] * 20
    name = write_csv("stdp_hist.csv", STDP_COLUMNS, rows, fmts)
    last = np.array([r for r in rows if r[1] == checkpoints[-1]], dtype=float)
    return (f"{name} ({time.perf_counter() - t0:.0f} s), at {checkpoints[-1]:g} s: " + ", ".join(
        f"{c} {last[:, k].mean():.4g}+-{last[:, k].std(ddof=1):.2g}" for k, c in enumerate(STDP_COLUMNS)
        if c in ("post_rate_hz", "w_mean_over_gmax", "frac_w_below_0.1", "frac_w_above_0.9")))


if __name__ == "__main__":
    print(f"Brian {b2.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}, "
          f"out {ARGS.out}", flush=True)
    selected = [c.strip() for c in ARGS.only.split(",") if c.strip()]
    for c in selected:
        if c not in CASES:
            sys.exit(f"unknown case {c!r}; choose from {CASES}")
    t0 = time.perf_counter()
    for c in CASES:
        if c in selected:
            t1 = time.perf_counter()
            info = globals()[c]()
            print(f"{c}: {time.perf_counter() - t1:.1f} s; {info}", flush=True)
    print(f"total {time.perf_counter() - t0:.2f} s", flush=True)
