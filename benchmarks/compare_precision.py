#!/usr/bin/python3
"""precision<float> against double on the benchmark networks (issue 5): speed and statistics.

For each model, our example binary (`<build-dir>/examples/<name>`, state in double) and its
`<name>_float` build (state in precision<float>) are run alternately for --seeds seeds.
Chaotic networks take different spike-by-spike paths under any change of rounding, so the
check is statistical: the mean firing rate over seeds in float must lie within the spread
that double itself shows from seed to seed. The table gives, per model, the mean and
standard deviation over seeds of the rate in each precision, the difference of the means
in units of the standard error, and the medians of the simulation-loop time and their
ratio double / float (> 1: float is faster).

    /usr/bin/python3 benchmarks/compare_precision.py [--models cuba,coba,cobahh,brunel2000]
        [--seeds 5] [--N n] [--duration s] [--build-dir build]
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = {"cuba": 1.0, "coba": 1.0, "cobahh": 0.5, "brunel2000": 0.5}  # default durations (s)


def run(binary, args):
    out = subprocess.run([binary] + args, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default=",".join(MODELS))
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--N", type=int, default=None, help="network size (default: each example's)")
    p.add_argument("--duration", type=float, default=None, help="seconds (default: per model)")
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    args = p.parse_args()
    head = ["model", "N", "duration (s)", "rate double (Hz)", "rate float (Hz)", "difference / s.e.",
            "t_sim double (s)", "t_sim float (s)", "double / float"]
    rows = []
    for model in [m.strip() for m in args.models.split(",") if m.strip()]:
        if model not in MODELS:
            p.error(f"unknown model {model!r} (known: {', '.join(MODELS)})")
        duration = args.duration if args.duration is not None else MODELS[model]
        rates = {"double": [], "float": []}
        times = {"double": [], "float": []}
        n = None
        for seed in range(1, args.seeds + 1):
            common = ["--duration", repr(duration), "--seed", str(seed)] + (["--N", str(args.N)] if args.N else [])
            for precision, suffix in (("double", ""), ("float", "_float")):
                j = run(os.path.join(args.build_dir, "examples", model + suffix), common)
                assert j["precision"] == precision, j
                rates[precision].append(j["rate_hz"])
                times[precision].append(j["t_sim_s"])
                n = j["N"]
                print(f"  {model} seed {seed} {precision:6s} rate {j['rate_hz']:8.3f} Hz  t_sim {j['t_sim_s']:.3f} s",
                      file=sys.stderr, flush=True)
        md, mf = statistics.mean(rates["double"]), statistics.mean(rates["float"])
        sd = statistics.stdev(rates["double"]) if args.seeds > 1 else float("nan")
        sf = statistics.stdev(rates["float"]) if args.seeds > 1 else float("nan")
        se = math.sqrt((sd * sd + sf * sf) / args.seeds) if args.seeds > 1 else float("nan")
        td, tf = statistics.median(times["double"]), statistics.median(times["float"])
        rows.append([model, str(n), f"{duration:g}", f"{md:.3f} ± {sd:.3f}", f"{mf:.3f} ± {sf:.3f}",
                     f"{(mf - md) / se:+.2f}" if se > 0 else "-", f"{td:.3f}", f"{tf:.3f}", f"{td / tf:.2f}"])
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
