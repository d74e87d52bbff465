"""Reference for the microcircuit's cells under their background drive alone (no recurrent synapses), in Brian2.

Writes test/fixtures/microcircuit_background.json, which test/microcircuit/background-drive.test.ts compares with.
This isolates the single-cell part of the microcircuit (IF_curr_exp with tau_syn 0.5 ms, exact integration,
refractoriness, Poisson input of K_ext * 8 Hz through 87.8 pA, V0 ~ Normal(-58, 10) mV) from the network: if tsnn
and Brian2 agree here but not in the full network, the difference is in the connectivity or spike delivery.

Each of the 8 populations is 2,000 cells (the 8 background rates of the model card); 1 s at dt 0.1 ms; the rate
is counted over [200, 1000) ms. The schedule follows NEST as in test/reference/brian2_timing.py (refractory
period tau_ref + dt in Brian2). Brian2's numpy target; about a minute on one core.
    /usr/bin/python3 test/reference/microcircuit_background_brian2.py
"""
import json
import sys

import numpy as np

POPULATIONS = ['L23E', 'L23I', 'L4E', 'L4I', 'L5E', 'L5I', 'L6E', 'L6I']
K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
CELLS = 2000
DT = 0.1
DURATION = 1000.0
T_START = 200.0
SEED = 7


def main():
    import brian2 as b2
    from brian2 import ms, mV, pA, pF, Hz

    b2.prefs.codegen.target = 'numpy'
    b2.defaultclock.dt = DT * ms
    b2.seed(SEED)
    rng = np.random.default_rng(SEED)
    eqs = '''
    dv/dt = (v_rest - v) / tau_m + I / C_m : volt (unless refractory)
    dI/dt = -I / tau_syn : amp
    '''
    ns = dict(v_rest=-65 * mV, tau_m=10 * ms, C_m=250 * pF, tau_syn=0.5 * ms)
    n = CELLS * len(POPULATIONS)
    cells = b2.NeuronGroup(n, eqs, threshold='v > -50*mV', reset='v = -65*mV', refractory=(2.0 + DT) * ms,
                           method='exact', namespace=ns)
    cells.v = rng.normal(-58.0, 10.0, n) * mV
    inputs = [b2.PoissonInput(cells[p * CELLS:(p + 1) * CELLS], 'I', N=K_EXT[p], rate=8.0 * Hz, weight=87.8 * pA)
              for p in range(len(POPULATIONS))]
    monitor = b2.SpikeMonitor(cells)
    b2.Network(cells, monitor, *inputs).run(DURATION * ms)  # explicit: the magic network misses list members
    idx = np.asarray(monitor.i[:])
    t = np.asarray(monitor.t[:] / ms) + DT  # NEST's convention (brian2_timing.py)
    window = (t >= T_START) & (t < DURATION)
    seconds = (DURATION - T_START) / 1000.0
    rates, sems = {}, {}
    for p, name in enumerate(POPULATIONS):
        sel = window & (idx >= p * CELLS) & (idx < (p + 1) * CELLS)
        per_cell = np.bincount(idx[sel] - p * CELLS, minlength=CELLS) / seconds
        rates[name] = round(float(per_cell.mean()), 4)
        sems[name] = round(float(per_cell.std(ddof=1) / np.sqrt(CELLS)), 4)
    fixture = {
        'description': 'Microcircuit cells under background Poisson drive alone (K_ext * 8 Hz through 87.8 pA), '
                       'IF_curr_exp with the model card parameters, V0 ~ N(-58, 10) mV, 1 s at dt 0.1 ms; mean rate '
                       'over [200, 1000) ms and its standard error over cells',
        'script': 'test/reference/microcircuit_background_brian2.py',
        'versions': {'brian2': b2.__version__, 'numpy': np.__version__, 'python': sys.version.split()[0],
                     'target': 'numpy'},
        'cells_per_population': CELLS, 'k_ext': dict(zip(POPULATIONS, K_EXT)),
        'window_ms': [T_START, DURATION], 'dt_ms': DT, 'seed': SEED,
        'rate_hz': rates, 'sem_hz': sems,
    }
    with open('test/fixtures/microcircuit_background.json', 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    print(json.dumps(rates))


if __name__ == '__main__':
    main()
