"""Compare our brunel2000 and stdp_song examples with Brian 2's statistics, over more seeds.

Runs the examples (built in BUILD/examples/, or --bin DIR) for several seeds and prints, per
statistic, our mean +- sd next to Brian 2's (data/net_stats_brunel_*.csv and
data/stdp_hist.csv, made by make_reference_brunel_stdp.py) with z = (our mean - Brian's
mean) / Brian's sd. Needs numpy only (no Brian):

    /usr/bin/python3 tests/validation/compare_brunel_stdp.py --build build-val \
        [--seeds 1,2,3,4,5] [--stdp-duration 50] [--only brunel,stdp] [--regimes 5:2,4.5:0.9,6:4]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from spike_statistics import network_statistics  # noqa: E402

BRUNEL_STATS = ["rate_hz", "rate_exc_hz", "rate_inh_hz", "cv_isi", "fano_pop_1ms",
                "fano_neuron_100ms", "frac_silent"]
BRUNEL_REGIMES = [(5.0, 2.0), (4.5, 0.9), (6.0, 4.0)]
STDP_STATS = ["post_rate_hz", "w_mean_over_gmax", "frac_w_below_0.1", "frac_w_above_0.9"]

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--build", help="CMake build directory with examples/")
p.add_argument("--bin", help="directory with the brunel2000 and stdp_song executables")
p.add_argument("--seeds", default="1,2,3,4,5")
p.add_argument("--stdp-duration", type=float, default=50.0, help="a checkpoint of stdp_hist.csv")
p.add_argument("--only", default="brunel,stdp")
p.add_argument("--regimes", default=",".join(f"{g:g}:{r:g}" for g, r in BRUNEL_REGIMES),
               help="brunel regimes g:ratio[,g:ratio...] (default all three)")
a = p.parse_args()
bindir = a.bin or os.path.join(a.build or "build", "examples")
seeds = a.seeds.split(",")


def read(name):
    with open(os.path.join(HERE, "data", name)) as f:
        return list(csv.DictReader(f))


def table(rows_ours, rows_brian, names):
    print(f"  {'statistic':18s} {'ours mean':>10s} {'ours sd':>8s} {'Brian mean':>10s} "
          f"{'Brian sd':>8s} {'z':>6s}")
    for st in names:
        o = np.array([float(x[st]) for x in rows_ours])
        b = np.array([float(x[st]) for x in rows_brian])
        sd = b.std(ddof=1)
        z = (o.mean() - b.mean()) / sd if sd > 0 else float("nan")
        print(f"  {st:18s} {o.mean():10.4f} {o.std(ddof=1) if len(o) > 1 else 0:8.4f} {b.mean():10.4f} "
              f"{sd:8.4f} {z:6.2f}")


if "brunel" in a.only:
    dt_ms = 0.1
    for g, r in [tuple(map(float, x.split(":"))) for x in a.regimes.split(",")]:
        ref = read(f"net_stats_brunel_g{g:g}_r{r:g}.csv")
        dur, N, Ne = float(ref[0]["duration_s"]), int(ref[0]["N"]), 10000
        n_steps = int(round(dur * 1000 / dt_ms))
        ours, t_sim = [], []
        for s in seeds:
            with tempfile.TemporaryDirectory() as d:
                out = subprocess.run([os.path.join(bindir, "brunel2000"), "--g", str(g), "--nu-ext-ratio", str(r),
                                      "--duration", str(dur), "--seed", s, "--out", d],
                                     check=True, capture_output=True, text=True)
                t_sim.append(json.loads(out.stdout.strip().splitlines()[-1])["t_sim_s"])
                x = np.loadtxt(os.path.join(d, "spikes.csv"), delimiter=",", skiprows=1, ndmin=2)
            step = np.rint(x[:, 1] / dt_ms).astype(np.int64)
            ours.append(network_statistics(x[:, 0].astype(np.int64), step, N, Ne, n_steps))
        print(f"brunel g = {g:g}, nu_ext/nu_thr = {r:g}, {dur} s: ours {len(ours)} seeds "
              f"(t_sim {np.mean(t_sim):.2f} s), Brian {len(ref)} seeds")
        table(ours, ref, BRUNEL_STATS)

if "stdp" in a.only:
    T = a.stdp_duration
    ref = [row for row in read("stdp_hist.csv") if float(row["t_s"]) == T]
    if not ref:
        sys.exit(f"stdp_hist.csv has no checkpoint at {T:g} s")
    ours, t_sim = [], []
    for s in seeds:
        out = subprocess.run([os.path.join(bindir, "stdp_song"), "--duration", str(T), "--seed", s],
                             check=True, capture_output=True, text=True)
        j = json.loads(out.stdout.strip().splitlines()[-1])
        t_sim.append(j["t_sim_s"])
        row = {"post_rate_hz": j["rate_hz"], "w_mean_over_gmax": j["w_mean_over_gmax"],
               "frac_w_below_0.1": j["frac_w_below_0.1gmax"], "frac_w_above_0.9": j["frac_w_above_0.9gmax"]}
        row.update({f"h{b:02d}": h for b, h in enumerate(j["w_hist20_over_gmax"])})
        ours.append(row)
    print(f"stdp, {T:g} s: ours {len(ours)} seeds (t_sim {np.mean(t_sim):.2f} s), Brian {len(ref)} seeds")
    table(ours, ref, STDP_STATS)
    hb = [f"h{b:02d}" for b in range(20)]
    o = np.array([[float(x[h]) for h in hb] for x in ours])
    b = np.array([[float(x[h]) for h in hb] for x in ref])
    # per-bin variance pooled over the bins: var_b = phi * mean_b (phi = mean of var_b / mean_b)
    phi = np.mean(b.var(axis=0, ddof=1) / b.mean(0))
    sd = np.sqrt(phi * b.mean(0))
    D = np.sum((o.mean(0) - b.mean(0)) ** 2 / (sd ** 2 * (1 / len(o) + 1 / len(b))))
    print("  histogram ours :", " ".join(f"{v:5.1f}" for v in o.mean(0)))
    print("  histogram Brian:", " ".join(f"{v:5.1f}" for v in b.mean(0)))
    print("  Brian sd pooled:", " ".join(f"{v:5.1f}" for v in sd), f"(phi = {phi:.3f})")
    print("  z per bin      :", " ".join(f"{v:5.1f}" for v in (o.mean(0) - b.mean(0)) / sd))
    print(f"  D = {D:.1f} (sum over bins of the squared z of the difference of the means; "
          f"Brian's own seeds, 3 against 7: mean 20, max 38-52)")
