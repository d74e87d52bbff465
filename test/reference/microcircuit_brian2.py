"""Independent reference for tsnn's reduced Potjans & Diesmann (2014) microcircuit: the same network in Brian2.

Writes test/fixtures/microcircuit_ns0.1_cs1.0.json, which test/microcircuit/reduced-model.test.ts compares with.

The network follows the model card (/work/shared/reference/microcircuit.md) and NEST's PD14 reference, written
here from the card and not from tsnn's code (only the rules are shared, so a bug in tsnn's construction or engine
shows up as a disagreement):
- neuron scale 0.1 with counts truncated (7,713 neurons), connectivity scale 1.0 (full in-degrees, no DC
  compensation); per projection a fixed total number of synapses K = round(ln(1-C)/ln(1-1/(N_pre N_post)))
  / N_post_full * N_post, drawn with replacement (each synapse: source and target uniform), 29,873,185 in all;
- IF_curr_exp (C_m 250 pF, tau_m 10 ms, V_rest = V_reset = -65 mV, V_th -50 mV, tau_ref 2 ms, tau_syn 0.5 ms)
  integrated exactly (method='exact'), as NEST's iaf_psc_exp;
- weights Normal(w, 0.1 w) redrawn until they keep their sign (PyNN's normal_clipped, NEST's redraw), w = 87.8 pA,
  -4 w from inhibitory cells, 2 w with sd 5 % for L4E -> L2/3E;
- delays Normal(1.5, 0.75) ms (E) and Normal(0.75, 0.375) ms (I) redrawn below dt = 0.1 ms, rounded to steps;
- background: every neuron receives Poisson input of K_ext * 8 Hz through 87.8 pA (PoissonInput: K_ext sources
  at 8 Hz, a binomial count per step, the same process to within 1e-3 of its variance);
- initial V ~ Normal(-58, 10) mV.
Brian2's schedule differs from NEST's by one step in the refractory period (test/reference/brian2_timing.py), so
the refractory period is tau_ref + dt here; spike times are shifted by + dt to NEST's convention. With these,
a spike at t with delay d reaches its target at t + d as in NEST (the recurrent loop needs no other change).

Statistics (the same definitions as examples/microcircuit/statistics.ts): per population, the mean rate over
[200, 1000) ms (spikes / cells / 0.8 s), and the mean CV of inter-spike intervals (population sd / mean) over the
cells with at least 5 spikes in that window.

Reproducibility: connectivity, weights, delays and initial potentials come from numpy's generator seeded with the
run's seed; the background Poisson counts come from Brian2's generator (b2.seed). In C++ standalone mode with
device.reinit() between seeds, the third seed of a process gave different rates in two processes (seeds 1 and 2
were identical), so treat the runs as independent samples of the same model, not as bit-reproducible streams.

Run from the repository root with Debian's Brian2 2.5.1 (C++ standalone, one thread, tens of seconds per seed to
build and run plus a compile):
    /usr/bin/python3 test/reference/microcircuit_brian2.py [--seeds 1 2 3] [--out test/fixtures/...json] [--append]
--append adds the new seeds' runs to those already in --out (the fixture holds seeds 1-6 from one invocation and
7-20 from a second, appended).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

POPULATIONS = ['L23E', 'L23I', 'L4E', 'L4I', 'L5E', 'L5I', 'L6E', 'L6I']
FULL_SIZE = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
# C[target][source]
CONN_PROB = [
    [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
    [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
    [0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0],
    [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
    [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
    [0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0],
    [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
    [0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443],
]
K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
NEURON_SCALE = 0.1
CONNECTIVITY_SCALE = 1.0
DT = 0.1  # ms
DURATION = 1000.0  # ms
T_START = 200.0  # ms: the transient from the random initial potentials is discarded
W_MEAN = 87.8  # pA
G = -4.0
BACKGROUND_RATE = 8.0  # Hz


def round_half_away(x):
    return float(np.sign(x) * np.floor(abs(x) + 0.5))


def synapse_counts():
    """Synapses per projection [target][source] at the reduced scale (GeNN 4 / model card rules)."""
    sizes = [int(NEURON_SCALE * n) for n in FULL_SIZE]
    counts = np.zeros((8, 8), dtype=np.int64)
    for t in range(8):
        for s in range(8):
            c = CONN_PROB[t][s]
            if c == 0.0:
                continue
            nm = FULL_SIZE[s] * FULL_SIZE[t]
            k_full = round_half_away(np.log(1.0 - c) / np.log((nm - 1.0) / nm))
            counts[t, s] = int(round_half_away(k_full / FULL_SIZE[t] * CONNECTIVITY_SCALE * sizes[t]))
    return sizes, counts


def redraw_normal(rng, mean, sd, n, low=None, high=None):
    """Normal samples redrawn until inside [low, high] (PyNN normal_clipped, NEST redraw)."""
    x = rng.normal(mean, sd, n)
    while True:
        bad = np.zeros(n, dtype=bool)
        if low is not None:
            bad |= x < low
        if high is not None:
            bad |= x > high
        k = int(bad.sum())
        if k == 0:
            return x
        x[bad] = rng.normal(mean, sd, k)


def cv_isi(times):
    isi = np.diff(times)
    if len(isi) < 2:
        return np.nan
    return float(np.std(isi) / np.mean(isi))


def run_seed(seed, workdir):
    import brian2 as b2
    from brian2 import ms, mV, pA, pF, Hz, second

    b2.set_device('cpp_standalone', directory=workdir, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = DT * ms
    b2.seed(seed)
    rng = np.random.default_rng(seed)

    sizes, counts = synapse_counts()
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    n_total = int(offsets[-1])

    eqs = '''
    dv/dt = (v_rest - v) / tau_m + I / C_m : volt (unless refractory)
    dI/dt = -I / tau_syn : amp
    '''
    ns = dict(v_rest=-65 * mV, tau_m=10 * ms, C_m=250 * pF, tau_syn=0.5 * ms)
    neurons = b2.NeuronGroup(n_total, eqs, threshold='v > -50*mV', reset='v = -65*mV',
                             refractory=(2.0 + DT) * ms, method='exact', namespace=ns)
    neurons.v = rng.normal(-58.0, 10.0, n_total) * mV
    neurons.I = 0 * pA

    # all internal synapses in one Synapses object (global indices): built from numpy arrays
    pre_all, post_all, w_all, d_all = [], [], [], []
    for t in range(8):
        for s in range(8):
            n = int(counts[t, s])
            if n == 0:
                continue
            pre = rng.integers(0, sizes[s], n) + offsets[s]
            post = rng.integers(0, sizes[t], n) + offsets[t]
            excitatory = POPULATIONS[s].endswith('E')
            w = W_MEAN * (2.0 if (s == 2 and t == 0) else 1.0) * (1.0 if excitatory else G)
            rel_sd = 0.05 if (s == 2 and t == 0) else 0.1
            if excitatory:
                weights = redraw_normal(rng, w, abs(w) * rel_sd, n, low=0.0)
                delays = redraw_normal(rng, 1.5, 0.75, n, low=DT)
            else:
                weights = redraw_normal(rng, w, abs(w) * rel_sd, n, high=0.0)
                delays = redraw_normal(rng, 0.75, 0.375, n, low=DT)
            pre_all.append(pre.astype(np.int32))
            post_all.append(post.astype(np.int32))
            w_all.append(weights)
            d_all.append(np.round(delays / DT) * DT)
    pre_all = np.concatenate(pre_all)
    post_all = np.concatenate(post_all)
    syn = b2.Synapses(neurons, neurons, 'w : amp', on_pre='I_post += w')
    syn.connect(i=pre_all, j=post_all)
    syn.w = np.concatenate(w_all) * pA
    syn.delay = np.concatenate(d_all) * ms
    n_syn = len(pre_all)
    del pre_all, post_all, w_all, d_all

    inputs = []
    for p in range(8):
        sub = neurons[offsets[p]:offsets[p + 1]]
        inputs.append(b2.PoissonInput(sub, 'I', N=K_EXT[p], rate=BACKGROUND_RATE * Hz, weight=W_MEAN * pA))
    monitor = b2.SpikeMonitor(neurons)
    net = b2.Network(neurons, syn, monitor, *inputs)
    net.run(DURATION * ms)
    t0 = time.perf_counter()
    b2.device.build(directory=workdir, compile=True, run=True, with_output=False)
    wall = time.perf_counter() - t0
    spikes_i = np.asarray(monitor.i[:])
    spikes_t = np.asarray(monitor.t[:] / ms)
    b2.device.reinit()  # the next seed starts a fresh standalone project in the same folder (code unchanged)

    idx = spikes_i
    times = spikes_t + DT  # NEST's convention (brian2_timing.py)
    result = {'seed': seed, 'synapses': int(n_syn), 'build_and_run_seconds': round(wall, 1),
              'rate_hz': {}, 'mean_cv_isi': {}, 'cells_with_cv': {}}
    window = (times >= T_START) & (times < DURATION)
    for p, name in enumerate(POPULATIONS):
        in_pop = (idx >= offsets[p]) & (idx < offsets[p + 1]) & window
        result['rate_hz'][name] = round(float(in_pop.sum()) / sizes[p] / ((DURATION - T_START) / 1000.0), 4)
        cvs = []
        pop_idx = idx[in_pop]
        pop_t = times[in_pop]
        order = np.lexsort((pop_t, pop_idx))
        pop_idx, pop_t = pop_idx[order], pop_t[order]
        bounds = np.flatnonzero(np.diff(pop_idx)) + 1
        for cell_t in np.split(pop_t, bounds):
            if len(cell_t) >= 5:
                cvs.append(cv_isi(cell_t))
        result['mean_cv_isi'][name] = round(float(np.mean(cvs)), 4) if cvs else None
        result['cells_with_cv'][name] = len(cvs)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    parser.add_argument('--out', default='test/fixtures/microcircuit_ns0.1_cs1.0.json')
    parser.add_argument('--append', action='store_true', help="keep the runs already in --out and add these")
    args = parser.parse_args()
    import brian2

    sizes, counts = synapse_counts()
    assert sum(sizes) == 7713 and int(counts.sum()) == 29873185, (sum(sizes), int(counts.sum()))
    workdir = tempfile.mkdtemp(prefix='tsnn_microcircuit_brian2_')
    runs = []
    if args.append:
        with open(args.out) as f:
            runs = json.load(f)['runs']
        assert not {r['seed'] for r in runs} & set(args.seeds), 'a seed already in the fixture'

    for seed in args.seeds:
        r = run_seed(seed, workdir)
        print(f"seed {seed}: " + ', '.join(f"{k} {v:.3f}" for k, v in r['rate_hz'].items()) +
              f"  ({r['build_and_run_seconds']} s)", flush=True)
        runs.append(r)
    shutil.rmtree(workdir, ignore_errors=True)  # the standalone project holds ~3 GB of connectivity arrays
    rates = np.array([[r['rate_hz'][p] for p in POPULATIONS] for r in runs])
    fixture = {
        'description': 'Reduced Potjans-Diesmann microcircuit (neuron scale 0.1, truncated counts; connectivity '
                       'scale 1.0) simulated in Brian2, 1 s at dt 0.1 ms; rates over [200, 1000) ms and mean CV of '
                       'ISI over cells with >= 5 spikes in that window',
        'script': 'test/reference/microcircuit_brian2.py',
        'versions': {'brian2': brian2.__version__, 'numpy': np.__version__,
                     'python': sys.version.split()[0], 'device': 'cpp_standalone, 1 thread'},
        'neuron_scale': NEURON_SCALE, 'connectivity_scale': CONNECTIVITY_SCALE,
        'neurons': int(sum(sizes)), 'synapses': int(counts.sum()),
        'duration_ms': DURATION, 'window_ms': [T_START, DURATION], 'dt_ms': DT,
        'populations': POPULATIONS,
        'sizes': sizes,
        'runs': runs,
        'mean_rate_hz': {p: round(float(rates[:, k].mean()), 4) for k, p in enumerate(POPULATIONS)},
        'sd_rate_hz': {p: round(float(rates[:, k].std(ddof=1)), 4) if len(runs) > 1 else None
                       for k, p in enumerate(POPULATIONS)},
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    print('wrote', args.out)


if __name__ == '__main__':
    main()
