"""Spike statistics of the random benchmark networks (cuba, coba, cobahh), shared by
make_reference.py (Brian 2 side) and compare_networks.py (our examples' spikes.csv).
Needs numpy only. The C++ twin is validation::spike_statistics() in networks.hpp.
"""
import numpy as np


def network_statistics(i, step, N, Ne, n_steps, steps_per_ms=10):
    """Spike statistics on integer time steps (same definitions as
    ../shared/brian2/stats.py, written on steps so that C++ and Python bin alike):
    rate, rates of E and I, mean CV of ISI over neurons with >= 3 spikes, Fano factor
    of the population count in 1 ms bins, mean Fano factor of the per-neuron counts in
    100 ms bins (neurons with a spike), fraction of neurons without a spike."""
    T = n_steps / (1000.0 * steps_per_ms)
    i = np.asarray(i, dtype=np.int64)
    step = np.asarray(step, dtype=np.int64)
    out = dict(n_spikes=len(i), rate_hz=len(i) / (N * T),
               rate_exc_hz=np.sum(i < Ne) / (Ne * T), rate_inh_hz=np.sum(i >= Ne) / ((N - Ne) * T))
    cvs = []
    order = np.lexsort((step, i))
    i_o, s_o = i[order], step[order]
    for k in np.unique(i_o):
        s = s_o[i_o == k]
        if len(s) >= 3:
            isi = np.diff(s).astype(float)
            cvs.append(isi.std() / isi.mean())
    out["cv_isi"] = float(np.mean(cvs)) if cvs else float("nan")
    out["n_cv"] = len(cvs)
    pop = np.bincount(step // steps_per_ms, minlength=n_steps // steps_per_ms)
    out["fano_pop_1ms"] = pop.var() / pop.mean() if pop.mean() > 0 else float("nan")
    nb = n_steps // (100 * steps_per_ms)
    counts = np.zeros((N, nb))
    np.add.at(counts, (i, np.minimum(step // (100 * steps_per_ms), nb - 1)), 1)
    m = counts.mean(axis=1)
    ok = m > 0
    out["fano_neuron_100ms"] = float(np.mean(counts[ok].var(axis=1) / m[ok])) if ok.any() else float("nan")
    out["frac_silent"] = 1.0 - len(np.unique(i)) / N
    return out
