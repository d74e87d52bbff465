"""PyNN example one_neuron_noise_example.py on PyNN 0.10.1 + Brian2: one IF_curr_alpha cell (v_rest = v_reset
-70 mV, cm 0.25 nF, tau_m 10 ms, tau_refrac 2 ms, tau_syn 2 ms, v_thresh -55 mV) driven by two SpikeSourcePoisson
of 80000 and 15000 Hz through AllToAllConnector, prj.setWeights([0.0012, 0.001]) nA, prj.setDelays([1, 1]) ms;
dt 0.1 ms, 1000 ms.

pyNN.brian2 0.10.1 cannot run the example as written: its PoissonGroup (pyNN/brian2/cells.py) emits at most one
spike per step ('rand() < rates * dt'), so 80000 Hz and 15000 Hz (8 and 1.5 expected events per 0.1 ms step) both
become 10000 Hz, a spike on every step; NEST's poisson_generator (PyNN's reference) sends a Poisson number of
events per step. The example as written is run once ('as_written': its source counts show the cap). The reference
is the same input built from many slow sources: 800 sources of 100 Hz with weight 0.0012 nA and 150 of 100 Hz
with 0.001 nA (a superposition of independent Poisson processes is a Poisson process of the summed rate; at
0.01 events per step a source loses 5e-5 of its events to the cap). It runs with RUNS seeds: the fixture stores
per run the output spike count, the mean and standard deviation of v over [100, 1000) ms, and their means and
standard deviations over the runs, against which the test compares tsnn's one run. Brian2 integrates the linear
IF_curr_alpha exactly; it runs with tau_refrac + dt (brian2_timing.py); spike times are not compared."""
import sys
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import write_fixture, brian2_tau_refrac

DT, SIMTIME, RUNS = 0.1, 1000.0, 8
cell_params = {"v_rest": -70.0, "v_reset": -70.0, "cm": 0.250, "tau_m": 10, "tau_refrac": 2, "tau_syn_E": 2,
               "tau_syn_I": 2, "v_thresh": -55.0, "i_offset": 0}
RATES, WEIGHTS, SPLIT_RATE = [80000.0, 15000.0], [0.0012, 0.001], 100.0
WINDOW = (100.0, 1000.0)


def run(seed, split):
    sim.setup(timestep=DT, rng_seed=seed) if False else sim.setup(timestep=DT)
    np.random.seed(seed)
    import brian2
    brian2.seed(seed)
    neuron = sim.Population(1, sim.IF_curr_alpha(**dict(cell_params, tau_refrac=brian2_tau_refrac(2.0, DT))),
                            label="Neuron")
    neuron.record(["v", "spikes"])
    if split:
        counts = [int(round(r / SPLIT_RATE)) for r in RATES]
        gens = [sim.Population(c, sim.SpikeSourcePoisson(rate=SPLIT_RATE)) for c in counts]
        for g, w in zip(gens, WEIGHTS):
            sim.Projection(g, neuron, sim.AllToAllConnector(), sim.StaticSynapse(weight=w, delay=1.0))
    else:
        gens = [sim.Population(2, sim.SpikeSourcePoisson(rate=RATES))]
        prj = sim.Projection(gens[0], neuron, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.0012, delay=1))
        prj.setWeights(WEIGHTS)
        prj.setDelays([1, 1])
    for g in gens:
        g.record("spikes")
    sim.run(SIMTIME)
    seg = neuron.get_data().segments[0]
    v = np.asarray(seg.filter(name="v")[0].magnitude)[:, 0]
    w = v[int(round(WINDOW[0] / DT)):int(round(WINDOW[1] / DT))]
    source_counts = [int(sum(len(st) for st in g.get_data().segments[0].spiketrains)) for g in gens]
    out = {'spike_count': len(seg.spiketrains[0]), 'mean_v': float(w.mean()), 'std_v': float(w.std()),
           'source_counts': source_counts}
    sim.end()
    return out


as_written = run(1, split=False)
runs = [run(100 + k, split=True) for k in range(RUNS)]
print(as_written, runs, file=sys.stderr)
stats = {key: {'mean': float(np.mean([r[key] for r in runs])), 'std': float(np.std([r[key] for r in runs], ddof=1))}
         for key in ('spike_count', 'mean_v', 'std_v')}
write_fixture('one_neuron_noise_example', {
    'dt': DT, 'simtime': SIMTIME, 'cell_params': cell_params, 'rates': RATES, 'weights': WEIGHTS, 'delay': 1.0,
    'window': list(WINDOW), 'as_written': as_written, 'split_rate': SPLIT_RATE, 'runs': runs, 'stats': stats,
})
