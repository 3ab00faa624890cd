"""Compare the spike statistics of our cuba / coba / cobahh examples with Brian 2's.

Runs each example (built in BUILD/examples/) for several seeds, computes the statistics
of spike_statistics.py from its spikes.csv, and prints, per statistic, our mean +- sd
next to Brian 2's (data/net_stats_<model>_N<N>.csv, made by make_reference.py) with
z = (our mean - Brian's mean) / Brian's sd. Needs numpy only (no Brian):

    /usr/bin/python3 tests/validation/compare_networks.py --build /tmp/build-net \
        [--N 4000] [--seeds 1,2,3,4,5] [--models cuba,coba,cobahh]
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

STATS = ["rate_hz", "rate_exc_hz", "rate_inh_hz", "cv_isi", "fano_pop_1ms",
         "fano_neuron_100ms", "frac_silent"]

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--build", required=True, help="CMake build directory with examples/")
p.add_argument("--N", type=int, default=4000)
p.add_argument("--seeds", default="1,2,3,4,5")
p.add_argument("--models", default="cuba,coba,cobahh")
a = p.parse_args()

dt_ms, dur = 0.1, 1.0
n_steps = int(round(dur * 1000 / dt_ms))
Ne = int(round(0.8 * a.N))
for model in a.models.split(","):
    ref_file = os.path.join(HERE, "data", f"net_stats_{model}_N{a.N}.csv")
    with open(ref_file) as f:
        ref = list(csv.DictReader(f))
    ours, t_sim = [], []
    for s in a.seeds.split(","):
        with tempfile.TemporaryDirectory() as d:
            r = subprocess.run([os.path.join(a.build, "examples", model), "--N", str(a.N),
                                "--duration", str(dur), "--seed", s, "--out", d],
                               check=True, capture_output=True, text=True)
            t_sim.append(json.loads(r.stdout.strip().splitlines()[-1])["t_sim_s"])
            x = np.loadtxt(os.path.join(d, "spikes.csv"), delimiter=",", skiprows=1, ndmin=2)
        step = np.rint(x[:, 1] / dt_ms).astype(np.int64)
        ours.append(network_statistics(x[:, 0].astype(np.int64), step, a.N, Ne, n_steps))
    print(f"{model}, N = {a.N}, {dur} s: ours {len(ours)} seeds (t_sim {np.mean(t_sim):.2f} s), "
          f"Brian {len(ref)} seeds")
    print(f"  {'statistic':18s} {'ours mean':>10s} {'ours sd':>8s} {'Brian mean':>10s} "
          f"{'Brian sd':>8s} {'z':>6s}")
    for st in STATS:
        o = np.array([x[st] for x in ours], dtype=float)
        b = np.array([float(x[st]) for x in ref])
        z = (o.mean() - b.mean()) / b.std(ddof=1) if b.std(ddof=1) > 0 else float("nan")
        print(f"  {st:18s} {o.mean():10.4f} {o.std(ddof=1):8.4f} {b.mean():10.4f} "
              f"{b.std(ddof=1):8.4f} {z:6.2f}")
