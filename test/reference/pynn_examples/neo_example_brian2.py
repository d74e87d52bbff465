"""PyNN example neo_example.py on PyNN 0.10.1 + Brian2: 10 SpikeSourcePoisson (10 Hz) onto 10 EIF_cond_exp_isfa_ista
cells (PyNN defaults) through FixedProbabilityConnector(0.5) (weight 0.05 uS, excitatory, the default delay =
min_delay = dt); spikes of both populations and v, w, gsyn_exc of the first two cells recorded; dt 0.01 ms, 500 ms.
Ported to PyNN 0.10.1: Population(10, SpikeSourcePoisson(rate=10.0)), Projection(p_in, p_out,
FixedProbabilityConnector(0.5), StaticSynapse(weight=0.05), receptor_type='excitatory'); the plotting is left out
(what it plots is stored instead: the Neo block's spike trains and signals).
Random: the connector gets NumpyRNG(seed) and Brian2 brian2.seed(seed) (the example leaves both unseeded). The run
is repeated with several seeds; stored per seed: input spike count, connection count, output spike count. For the
first seed the whole run is stored (input trains as NEST-convention times, i.e. Brian2's + dt, the connection
matrix, output spikes, v/w/gsyn_exc of cells 0 and 1 every 1 ms, the Neo block's structure), so that tsnn can be
given the same input (SpikeSourceArray + ArrayConnector).
Brian2's schedule: tau_refrac + dt, stored spike times + dt (test/reference/brian2_timing.py).
Run: /usr/bin/python3 test/reference/pynn_examples/neo_example_brian2.py [n_seeds]   (the fixture: 8 seeds)"""
import sys
import brian2
import numpy as np
import pyNN.brian2 as sim
from pyNN.random import NumpyRNG
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac

DT, SIMTIME = 0.01, 500.0
n_seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
per_seed = {'input_spikes': [], 'connections': [], 'output_spikes': []}
replay = None
for seed in range(1, n_seeds + 1):
    np.random.seed(seed)
    brian2.seed(seed)
    sim.setup(timestep=DT)
    p_in = sim.Population(10, sim.SpikeSourcePoisson(rate=10.0), label="input")
    p_out = sim.Population(10, sim.EIF_cond_exp_isfa_ista(tau_refrac=brian2_tau_refrac(0.1, DT)), label="AdExp neurons")
    connections = sim.Projection(p_in, p_out, sim.FixedProbabilityConnector(p_connect=0.5, rng=NumpyRNG(seed=seed)),
                                 sim.StaticSynapse(weight=0.05), receptor_type='excitatory')
    p_in.record('spikes')
    p_out.record('spikes')
    p_out[0:2].record(['v', 'w', 'gsyn_exc'])
    sim.run(SIMTIME)
    spikes_in = p_in.get_data()
    data_out = p_out.get_data()
    trains_in = spikes_of(spikes_in.segments[0], DT)
    trains_out = spikes_of(data_out.segments[0], DT)
    per_seed['input_spikes'].append(sum(len(t) for t in trains_in))
    per_seed['connections'].append(len(connections))
    per_seed['output_spikes'].append(sum(len(t) for t in trains_out))
    print(seed, per_seed['input_spikes'][-1], per_seed['connections'][-1], per_seed['output_spikes'][-1], flush=True)
    if replay is None:
        seg = data_out.segments[0]
        matrix = [[0] * 10 for _ in range(10)]
        for i, j, _ in connections.get('weight', format='list'):
            matrix[int(i)][int(j)] = 1
        times = [float(t) for t in np.arange(0.0, SIMTIME + 1e-9, 1.0)]
        replay = {
            'seed': seed, 'input_spike_times': trains_in, 'connections': matrix, 'output_spikes': trains_out,
            'sample_times': times,
            'signals': {name: samples_of(seg, name, times) for name in ('v', 'w', 'gsyn_exc')},
            'block': {
                'input_spiketrains': len(spikes_in.segments[0].spiketrains),
                'output_spiketrains': len(seg.spiketrains),
                'spiketrain_t_stop': float(seg.spiketrains[0].t_stop.rescale('ms').magnitude),
                'signals': [{'name': s.name, 'units': str(s.units.dimensionality), 'shape': list(s.shape),
                             'sampling_period_ms': float(s.sampling_period.rescale('ms').magnitude),
                             't_start_ms': float(s.t_start.rescale('ms').magnitude),
                             't_stop_ms': float(s.t_stop.rescale('ms').magnitude)}
                            for s in sorted(seg.analogsignals, key=lambda s: s.name)],
            },
        }
    sim.end()
write_fixture('neo_example', {
    'example': 'NeuralEnsemble/PyNN examples/neo_example.py', 'dt': DT, 'simtime': SIMTIME, 'n_seeds': n_seeds,
    'per_seed': per_seed, 'replay': replay,
})
