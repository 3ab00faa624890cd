"""Brian 2 reference of examples/short_term_plasticity.cpp (tests/validation/stp_tsodyks.cpp).

Runs the three panels of Brian 2's examples/frompapers/Tsodyks_Pawelzik_Markram_1998.py
(clock-driven synaptic equations integrated by exponential Euler, a summed current
I_syn_post = A_SE*y), with the example's own model and parameters, runtime device, numpy
target, dt = 0.1 ms, and stores v (mV) of the neuron at the start of every 10th step:

    /usr/bin/python3 tests/validation/make_reference_stp.py

Writes data/stp_tsodyks_v.csv (panel, step, v_mV).
"""
import os
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)
HERE = os.path.dirname(os.path.abspath(__file__))

PANELS = {
    "A": dict(tau_mem=40, R_in=100e6, tau_inact=3, A_SE=250e-12, U_SE=0.6, tau_rec=800, tau_facil=None,
              stop=1100, freq=20, duration=1200),
    "B": dict(tau_mem=60, R_in=1e9, tau_inact=1.5, A_SE=1540e-12, U_SE=0.03, tau_rec=130, tau_facil=530,
              stop=1100, freq=20, duration=1200),
    "C": dict(tau_mem=60, R_in=1e9, tau_inact=1.5, A_SE=1540e-12, U_SE=0.03, tau_rec=130, tau_facil=530,
              stop=375, freq=70, duration=500),
}


def run_panel(b2, np, p):
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * b2.ms
    ms = b2.ms
    neuron = b2.NeuronGroup(1, """tau_mem : second
                                  I_syn : ampere
                                  R_in : ohm
                                  dv/dt = -v/tau_mem + (R_in*I_syn)/tau_mem : volt""", method="exact")
    neuron.tau_mem = p["tau_mem"] * ms
    neuron.R_in = p["R_in"] * b2.ohm
    times = np.arange(100.0, p["stop"], 1 / p["freq"] * 1e3) * ms
    stimulus = b2.SpikeGeneratorGroup(1, [0] * len(times), times)
    eqs = """dx/dt = z/tau_rec : 1 (clock-driven)
             dy/dt = -y/tau_inact : 1 (clock-driven)
             A_SE : ampere
             U_SE : 1
             tau_inact : second
             tau_rec : second
             z = 1 - x - y : 1
             I_syn_post = A_SE*y : ampere (summed)"""
    if p["tau_facil"]:
        eqs += "\ndu/dt = -u/tau_facil : 1 (clock-driven)\ntau_facil : second"
        action = "u += U_SE*(1-u)\ny += u*x\nx += -u*x"
    else:
        action = "y += U_SE*x\nx += -U_SE*x"
    S = b2.Synapses(stimulus, neuron, model=eqs, on_pre=action, method="exponential_euler")
    S.connect()
    S.x = 1
    S.tau_inact = p["tau_inact"] * ms
    S.A_SE = p["A_SE"] * b2.amp
    S.U_SE = p["U_SE"]
    S.tau_rec = p["tau_rec"] * ms
    if p["tau_facil"]:
        S.tau_facil = p["tau_facil"] * ms
    trace = b2.StateMonitor(neuron, "v", record=True)
    net = b2.Network(neuron, stimulus, S, trace)
    net.run(p["duration"] * ms)
    return trace.v[0] / b2.mV


def main():
    import numpy as np
    import brian2 as b2
    b2.prefs.codegen.target = "numpy"
    with open(os.path.join(HERE, "data", "stp_tsodyks_v.csv"), "w") as out:
        out.write("panel,step,v_mV\n")
        for k, (name, p) in enumerate(PANELS.items()):
            v = run_panel(b2, np, p)
            for step in range(0, len(v), 10):
                out.write(f"{k},{step},{v[step]:.17g}\n")
            print(name, len(v), "steps, max", v.max(), "mV")


if __name__ == "__main__":
    main()
