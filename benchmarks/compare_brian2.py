#!/usr/bin/python3
"""Loop time of brian's example networks against Brian 2's C++ standalone mode (issue 5).

For each model, Brian 2 (`/usr/bin/python3 <harness>/<model>.py --device cpp_standalone`)
and our example binary (`<build-dir>/examples/<name>`) are run with the same N, duration
and seed, alternately, --reps times; the table gives the medians of the simulation-loop
wall time (Brian's `t_sim`, ours `t_sim_s`) and their ratio Brian / ours (> 1: brian is
faster). Before the timed runs, every configuration is run once untimed, so that Brian's
build directory is warm (its g++ build is not timed in any case: t_sim is measured inside
the standalone binary around Network::run) and both programs' files are in the page cache.
Each configuration (model, N, duration, seed, Brian threads) has its own Brian build
directory under --workdir, so that alternating runs never recompile.

Peak RSS (wait4's ru_maxrss) is recorded for every process: ours is the example binary;
for Brian, "script" is the maximum over the Python process and everything it ran (make,
g++ if anything is recompiled, the standalone binary), and "binary" is the standalone
`main` alone, run once more from its build directory after the warm-up.

Monitoring is matched by default (--brian-monitors matched): our examples record spikes
only, so Brian's scripts are run with --record 0 (cuba, coba, cobahh: no StateMonitor on v)
and --no-input-monitor (stdp: no SpikeMonitor on the 1000 Poisson inputs).

--float runs our <example>_float builds (neuron state stored in precision<float>) where
there is one (cuba, coba, cobahh, brunel2000; the model column then says "float"); Brian
stays in its default double precision.
--brian-monitors default runs the harness scripts with their own defaults.

Run with Debian's Python (the script needs only the standard library, but the Brian
scripts need /usr/bin/python3's brian2):

    /usr/bin/python3 benchmarks/compare_brian2.py [--models cuba,coba,...] [--reps 3]
        [--duration-scale 1] [--threads 1] [--float] [--build-dir build] [--markdown FILE] [--json FILE]
"""
import argparse
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# name: (Brian script (in --brian2-dir unless absolute), our example, N, duration (s),
#        Brian options that match our example's monitoring, description)
MODELS = {
    "cuba": ("cuba.py", "cuba", 4000, 1.0, ["--record", "0"], "CUBA, in-degree 80"),
    "coba": ("coba.py", "coba", 4000, 1.0, ["--record", "0"], "COBA, in-degree 80"),
    "cobahh": ("cobahh.py", "cobahh", 4000, 1.0, ["--record", ""], "COBAHH, in-degree 80"),
    "brunel2000": (os.path.join(HERE, "brian2_brunel2000.py"), "brunel2000", 12500, 1.0, [],
                   "Brunel 2000, g = 5, nu_ext = 2 nu_thr, 15.6 M synapses, delay 1.5 ms"),
    "stdp": ("stdp.py", "stdp_song", 1000, 100.0, ["--no-input-monitor"],
             "Song et al. STDP, 1000 Poisson inputs onto one neuron"),
    "cuba64k": ("cuba.py", "cuba", 64000, 1.0, ["--record", "0", "--conn", "fixed_k"],
                "CUBA, p = 0.02*4000/N (in-degree 80), 5.1 M synapses"),
    "noisy_lif": (os.path.join(HERE, "brian2_noisy_lif.py"), "noisy_lif", 100000, 0.1, [],
                  "uncoupled LIF with white noise: one normal draw per neuron and step"),
    # 0.2 s: Brian 2 takes about 2 min per simulated second at this size
    "cobahh64k": ("cobahh.py", "cobahh", 64000, 0.2, ["--record", "", "--conn", "fixed_k"],
                  "COBAHH, p = 0.02*4000/N (in-degree 80), 5.1 M synapses"),
}

# Examples that also have a <name>_float build (examples/CMakeLists.txt).
FLOAT_EXAMPLES = {"cuba", "coba", "cobahh", "brunel2000"}


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return [float(x) for x in f.read().split()[:3]]
    except OSError:
        return [float("nan")] * 3


def run_measured(cmd, cwd=None, env=None, timeout=None):
    """Runs cmd; returns (rc, stdout, stderr, wall s, peak RSS in MB of the process and of
    the descendants it waited for)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        deadline = None if timeout is None else t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (p.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                wall, ru.ru_maxrss / 1024.0)


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                pass
    return None


def machine_facts(args):
    facts = {}
    model, physical = None, set()
    phys_id = core_id = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, val = line.partition(":")
                key, val = key.strip(), val.strip()
                if key == "model name" and model is None:
                    model = val
                elif key == "physical id":
                    phys_id = val
                elif key == "core id":
                    core_id = val
                elif not key and phys_id is not None:
                    physical.add((phys_id, core_id))
                    phys_id = core_id = None
        if phys_id is not None:
            physical.add((phys_id, core_id))
    except OSError:
        pass
    facts["cpu"] = model or platform.processor() or "unknown"
    facts["logical_cpus"] = os.cpu_count()
    facts["physical_cores"] = len(physical) or None
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            facts["memory_gib"] = round(kb / 1024 ** 2, 1)
    except (OSError, AttributeError):
        pass
    facts["kernel"] = platform.release()

    def first_line(cmd):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            return r.stdout.strip().splitlines()[0] if r.returncode == 0 and r.stdout.strip() else None
        except (OSError, subprocess.SubprocessError):
            return None

    facts["compiler"] = first_line(["c++", "--version"])
    facts["brian2"] = first_line(["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", "python3-brian"])
    commit = first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    if commit:
        dirty = first_line(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"])
        facts["brian_commit"] = commit + (" (working tree modified)" if dirty else "")
    try:
        with open(os.path.join(args.build_dir, "CMakeCache.txt")) as f:
            m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", f.read(), re.M)
            facts["build_type"] = m.group(1) if m else None
    except OSError:
        facts["build_type"] = None
    return facts


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default=",".join(MODELS),
                   help="comma-separated subset of: %s (default: all)" % ", ".join(MODELS))
    p.add_argument("--reps", type=int, default=3, help="timed repetitions of each (default 3)")
    p.add_argument("--duration-scale", type=float, default=1.0,
                   help="multiply every model's duration (e.g. 0.1 for a quick run)")
    p.add_argument("--duration", type=float, default=None,
                   help="simulated time in seconds for every model (overrides the defaults; "
                        "--duration-scale still applies)")
    p.add_argument("--N", type=int, default=None,
                   help="neurons for every model (overrides the defaults; the LIF and HH models keep "
                        "an in-degree of 80, Brunel its 10 %% connectivity)")
    p.add_argument("--g", type=float, default=None, help="Brunel's relative inhibition g (default 5)")
    p.add_argument("--nu-ext-ratio", type=float, default=None,
                   help="Brunel's external rate over the threshold rate (default 2)")
    p.add_argument("--threads", type=int, default=1, help="threads of our examples (--threads)")
    p.add_argument("--float", action="store_true",
                   help="run our <example>_float builds (state in precision<float>) where they exist")
    p.add_argument("--brian-threads", type=int, default=0,
                   help="Brian's OpenMP threads (0: no OpenMP, Brian's default)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                   help="our CMake build directory (binaries in <dir>/examples; default build)")
    p.add_argument("--brian2-dir", default="/work/shared/brian2",
                   help="the Brian 2 reference harness (common.py and the model scripts)")
    p.add_argument("--python", default="/usr/bin/python3", help="Python that has brian2")
    p.add_argument("--workdir", default=os.path.join(
        os.environ.get("BRIAN2_REFS_WORKDIR", "/tmp/brian2_refs"), "compare"),
                   help="parent of Brian's standalone build directories (one per configuration)")
    p.add_argument("--brian-monitors", choices=["matched", "default"], default="matched",
                   help="matched: Brian records what our examples record (spikes only); "
                        "default: the harness scripts' own monitors")
    p.add_argument("--no-binary-rss", action="store_true",
                   help="skip the extra run of Brian's standalone binary that measures its peak RSS")
    p.add_argument("--timeout", type=float, default=3600, help="seconds per process")
    p.add_argument("--markdown", default=None, help="also write the table as markdown to FILE")
    p.add_argument("--json", default=None, help="also write every run's numbers as JSON to FILE")
    args = p.parse_args()
    args.models = [m.strip() for m in args.models.split(",") if m.strip()]
    for m in args.models:
        if m not in MODELS:
            p.error(f"unknown model {m!r} (known: {', '.join(MODELS)})")
    if args.reps < 1:
        p.error("--reps must be at least 1")
    args.build_dir = os.path.abspath(args.build_dir)
    return args


class Config:
    def __init__(self, name, args):
        script, example, N, duration, matched, note = MODELS[name]
        N = args.N if args.N is not None else N
        self.name, self.N, self.note = name, N, note
        if args.float and example in FLOAT_EXAMPLES:
            example += "_float"
            self.name += " (float)"
        self.duration = (args.duration if args.duration is not None else duration) * args.duration_scale
        self.script = script if os.path.isabs(script) else os.path.join(args.brian2_dir, script)
        self.example = os.path.join(args.build_dir, "examples", example)
        common = ["--N", str(N), "--duration", repr(self.duration), "--seed", str(args.seed)]
        tag = ""
        if example.startswith("brunel2000"):  # options of the model (both sides take them)
            for flag, value in (("--g", args.g), ("--nu-ext-ratio", args.nu_ext_ratio)):
                if value is not None:
                    common += [flag, repr(value)]
                    tag += f"_{flag.lstrip('-')}{value:g}"
        self.name += tag
        self.workdir = os.path.join(
            args.workdir, f"{name}_N{N}_T{self.duration:g}_seed{args.seed}_omp{args.brian_threads}{tag}"
            + ("" if args.brian_monitors == "matched" else "_defmon"))
        self.brian_cmd = [args.python, self.script, "--device", "cpp_standalone",
                          "--threads", str(args.brian_threads), "--workdir", self.workdir] + common
        if args.brian_monitors == "matched":
            self.brian_cmd += matched
        self.ours_cmd = [self.example] + common + ["--threads", str(args.threads)]
        self.runs = {"brian": [], "ours": []}
        self.brian_binary_rss = None
        self.warmup = {}

    def ok(self, who):
        return [r for r in self.runs[who] if r["t_sim"] is not None]


def run_one(cfg, who, args, env, timed=True):
    cmd = cfg.brian_cmd if who == "brian" else cfg.ours_cmd
    load = loadavg()[0]
    rc, out, err, wall, rss = run_measured(cmd, env=env, timeout=args.timeout)
    j = last_json(out)
    key = "t_sim" if who == "brian" else "t_sim_s"
    rec = {"load1": load, "wall_s": round(wall, 3), "peak_rss_mb": round(rss, 1), "rc": rc}
    if rc != 0 or j is None or j.get(key) is None:
        tail = (err.strip().splitlines() or ["(no stderr)"])[-15:]
        print(f"  FAILED {who} {cfg.name} (rc {rc}): {shlex.join(cmd)}\n    " + "\n    ".join(tail),
              file=sys.stderr)
        rec["t_sim"] = None
    else:
        rec["t_sim"] = float(j[key])
        rec["n_spikes"] = j.get("n_spikes")
        rec["rate_hz"] = j.get("rate_hz")
        if who == "brian":
            rec["t_compile"] = j.get("t_compile")
            rec["t_binary"] = j.get("t_binary")
    label = "run" if timed else "warm-up"
    t = "-" if rec["t_sim"] is None else f"{rec['t_sim']:.3f} s"
    print(f"  {label} {who:5s} {cfg.name:10s} t_sim {t:>10s}  wall {wall:7.2f} s  "
          f"RSS {rss:7.1f} MB  load {load:.2f}", file=sys.stderr, flush=True)
    return rec


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}f}"


def table(configs):
    head = ["model", "N", "duration (s)", "Brian t_sim (s)", "ours t_sim (s)", "Brian / ours",
            "Brian min–max", "ours min–max", "rate Brian / ours (Hz)",
            "peak RSS Brian binary / script / ours (MB)"]
    rows = []
    for c in configs:
        b = [r["t_sim"] for r in c.ok("brian")]
        o = [r["t_sim"] for r in c.ok("ours")]
        mb, mo = median(b), median(o)
        ratio = mb / mo if mb is not None and mo else None
        rb = median([r.get("rate_hz") for r in c.ok("brian")])
        ro = median([r.get("rate_hz") for r in c.ok("ours")])
        rss_b = max([r["peak_rss_mb"] for r in c.ok("brian")], default=None)
        rss_o = max([r["peak_rss_mb"] for r in c.ok("ours")], default=None)
        rows.append([c.name, str(c.N), f"{c.duration:g}", fmt(mb), fmt(mo),
                     "-" if ratio is None else f"{ratio:.2f}",
                     f"{fmt(min(b, default=None))}–{fmt(max(b, default=None))}",
                     f"{fmt(min(o, default=None))}–{fmt(max(o, default=None))}",
                     f"{fmt(rb, 2)} / {fmt(ro, 2)}",
                     f"{fmt(c.brian_binary_rss, 0)} / {fmt(rss_b, 0)} / {fmt(rss_o, 0)}"])
    return head, rows


def render_text(head, rows):
    w = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w[k]) for k, h in enumerate(head)), "  ".join("-" * x for x in w)]
    for r in rows:
        lines.append("  ".join(r[k].rjust(w[k]) if k else r[k].ljust(w[k]) for k in range(len(r))))
    return "\n".join(lines)


def render_markdown(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def main():
    args = parse_args()
    configs = [Config(m, args) for m in args.models]
    missing = [c.example for c in configs if not os.access(c.example, os.X_OK)]
    missing += [c.script for c in configs if not os.path.isfile(c.script)]
    if missing:
        sys.exit("missing: " + ", ".join(sorted(set(missing))) + "\nbuild ours with: cmake -S . -B build "
                 "-DCMAKE_BUILD_TYPE=Release && cmake --build build --target cuba coba cobahh "
                 "brunel2000 stdp_song")
    env = dict(os.environ, BRIAN2_HARNESS_DIR=args.brian2_dir)
    facts = machine_facts(args)
    load_start = loadavg()
    t_start = time.time()
    command = shlex.join([sys.executable] + sys.argv)
    print(f"{command}\n{facts['cpu']}, {facts['logical_cpus']} logical CPUs, load average "
          f"{' '.join(map(str, load_start))}", file=sys.stderr, flush=True)

    # Warm-up: build Brian's project (if needed) and run each configuration once, untimed;
    # then Brian's standalone binary alone, for its peak RSS.
    for c in configs:
        c.warmup["brian"] = run_one(c, "brian", args, env, timed=False)
        c.warmup["ours"] = run_one(c, "ours", args, env, timed=False)
        main_bin = os.path.join(c.workdir, "main")
        if not args.no_binary_rss and c.warmup["brian"]["t_sim"] is not None and os.access(main_bin, os.X_OK):
            rc, _, err, wall, rss = run_measured([main_bin], cwd=c.workdir, env=env, timeout=args.timeout)
            if rc == 0:
                c.brian_binary_rss = round(rss, 1)
            print(f"  Brian binary alone {c.name:10s} rc {rc}  wall {wall:7.2f} s  RSS {rss:7.1f} MB",
                  file=sys.stderr, flush=True)

    # Timed runs: every repetition goes over all models; who goes first alternates.
    for rep in range(args.reps):
        print(f"repetition {rep + 1}/{args.reps}", file=sys.stderr, flush=True)
        for k, c in enumerate(configs):
            order = ("brian", "ours") if (rep + k) % 2 == 0 else ("ours", "brian")
            for who in order:
                c.runs[who].append(run_one(c, who, args, env))

    load_end = loadavg()
    loads = [r["load1"] for c in configs for w in ("brian", "ours") for r in c.runs[w]]
    elapsed = time.time() - t_start
    head, rows = table(configs)
    facts_lines = [
        f"CPU: {facts['cpu']}; {facts['logical_cpus']} logical CPUs"
        + (f", {facts['physical_cores']} physical cores" if facts.get("physical_cores") else "")
        + (f"; {facts['memory_gib']} GiB memory" if facts.get("memory_gib") else ""),
        f"kernel {facts['kernel']}; compiler: {facts['compiler']}; {facts['brian2']}; "
        f"brian {facts.get('brian_commit', '?')}, {facts.get('build_type')} build in {args.build_dir}",
        f"load average (1, 5, 15 min): {' '.join(map(str, load_start))} at the start, "
        f"{' '.join(map(str, load_end))} at the end; 1-min load when the timed runs started: "
        f"{min(loads):.2f} to {max(loads):.2f}, median {statistics.median(loads):.2f}",
        f"{args.reps} repetitions, medians; ours with --threads {args.threads}, Brian with "
        f"--threads {args.brian_threads} (OpenMP threads, 0 = none); Brian's monitors: "
        f"{args.brian_monitors}; seed {args.seed}; whole comparison {elapsed / 60:.1f} min",
    ]
    for c in configs:
        if c.name.startswith("brunel2000"):
            facts_lines.append(
                f"Brunel peak RSS: Brian's standalone binary {fmt(c.brian_binary_rss, 0)} MB, Brian's script "
                f"(Python, make, binary) {fmt(max((r['peak_rss_mb'] for r in c.ok('brian')), default=None), 0)}"
                f" MB; ours {fmt(max((r['peak_rss_mb'] for r in c.ok('ours')), default=None), 0)} MB")
    print()
    print(render_text(head, rows))
    print()
    print("\n".join(facts_lines))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(f"```sh\n{command}\n```\n\n{render_markdown(head, rows)}\n\n")
            f.write("\n".join(f"- {line}" for line in facts_lines) + "\n")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"command": command, "facts": facts, "load_start": load_start, "load_end": load_end,
                       "configs": [{"model": c.name, "N": c.N, "duration_s": c.duration,
                                    "brian_cmd": c.brian_cmd, "ours_cmd": c.ours_cmd,
                                    "brian_binary_peak_rss_mb": c.brian_binary_rss,
                                    "warmup": c.warmup, "runs": c.runs} for c in configs]},
                      f, indent=1)
    failed = any(r["t_sim"] is None for c in configs for w in ("brian", "ours") for r in c.runs[w])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
