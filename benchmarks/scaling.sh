#!/usr/bin/env bash
# Scaling series (issue 5): examples/cuba for N = 1000 ... 1 000 000 at a fixed mean
# in-degree of 80 (cuba.cpp scales p = 0.02 * 4000 / N), one run per N, serial.
# Prints per N: synapses, connect time, t_sim, t_sim per simulated second, spikes, rate
# and the peak RSS of the process (/usr/bin/time -v when installed, else Python's
# resource.getrusage of the child; that fallback reads at least Python's own RSS, about
# 14 MB, because the child is forked from Python before it execs).
#
#   benchmarks/scaling.sh [--build DIR] [--duration S] [--max-n N] [--sizes "N1 N2 ..."]
#
# --build: a configured build directory (default build); the script builds its cuba
# target. --duration: simulated seconds per run (default 0.1). --max-n: skip larger N.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
duration=0.1
max_n=1000000
sizes="1000 4000 16000 64000 256000 1000000"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --build) build=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --max-n) max_n=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "scaling.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

[[ -f "$build/CMakeCache.txt" ]] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target cuba -j1 >/dev/null
exe="$build/examples/cuba"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs the command; its stdout goes to $tmp/out, its stderr to $tmp/err, and the peak RSS
# in kB to $tmp/rss.
measure() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"
        awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time" >"$tmp/rss"
    else
        python3 - "$tmp" "$@" <<'PY'
import resource, subprocess, sys
tmp, cmd = sys.argv[1], sys.argv[2:]
with open(f"{tmp}/out", "w") as out, open(f"{tmp}/err", "w") as err:
    subprocess.run(cmd, stdout=out, stderr=err, check=True)
with open(f"{tmp}/rss", "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + "\n")  # kB on Linux
PY
    fi
}

echo "# cuba, duration ${duration} s, mean in-degree 80, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
printf "%9s %11s %9s %9s %12s %10s %8s %10s\n" N synapses build_s t_sim_s t_sim/sim_s n_spikes rate_hz rss_MB
for n in $sizes; do
    (( n > max_n )) && continue
    measure "$exe" --N "$n" --duration "$duration"
    json=$(tail -n 1 "$tmp/out")
    field() { sed -E "s/.*\"$1\": ([^,}]*).*/\1/" <<<"$json"; }
    t_sim=$(field t_sim_s)
    # stderr: "cuba: <Ce> + <Ci> synapses (built in <t> s)"
    read -r ce ci t_build < <(sed -nE 's/^cuba: ([0-9]+) \+ ([0-9]+) synapses \(built in ([0-9.]+) s\).*/\1 \2 \3/p' "$tmp/err")
    printf "%9d %11d %9.3f %9.3f %12.3f %10d %8.2f %10.1f\n" "$n" "$((ce + ci))" "$t_build" "$t_sim" \
        "$(awk -v t="$t_sim" -v d="$duration" 'BEGIN {print t / d}')" "$(field n_spikes)" "$(field rate_hz)" \
        "$(awk '{print $1 / 1024}' "$tmp/rss")"
done
