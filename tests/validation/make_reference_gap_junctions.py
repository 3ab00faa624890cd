"""Brian 2 reference spikes of examples/gap_junctions.cpp (tests/validation/gap_junctions.cpp).

Brian 2's own example examples/synapses/gapjunctions.py (10 cells, v0 = 1.05, tau = 10 ms,
threshold v > 1, reset v = 0, method exact, v = i/(n-1), all-to-all gap junctions
w = 0.02 through the summed variable Igap_post = w*(v_pre - v_post)), 500 ms, runtime
device, numpy target, dt = 0.1 ms. Run with Debian's interpreter:

    /usr/bin/python3 tests/validation/make_reference_gap_junctions.py

Writes data/gap_junctions_spikes.csv (i, step), sorted by step then i.
"""
import os
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    import brian2 as b2
    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * b2.ms
    n, v0, tau = 10, 1.05, 10 * b2.ms
    neurons = b2.NeuronGroup(n, "dv/dt = (v0 - v + Igap) / tau : 1\nIgap : 1",
                             threshold="v > 1", reset="v = 0", method="exact",
                             namespace={"v0": v0, "tau": tau})
    neurons.v = "i * 1.0 / (n - 1)"
    S = b2.Synapses(neurons, neurons, "w : 1\nIgap_post = w * (v_pre - v_post) : 1 (summed)")
    S.connect()
    S.w = 0.02
    spikes = b2.SpikeMonitor(neurons)
    net = b2.Network(neurons, S, spikes)
    net.run(500 * b2.ms, namespace={"n": n})
    steps = [int(round(float(t / b2.defaultclock.dt))) for t in spikes.t]
    rows = sorted(zip(steps, [int(x) for x in spikes.i]))
    with open(os.path.join(HERE, "data", "gap_junctions_spikes.csv"), "w") as out:
        out.write("i,step\n")
        for step, i in rows:
            out.write(f"{i},{step}\n")
    print(f"{len(rows)} spikes")


if __name__ == "__main__":
    main()
