"""PyNN example simpleRandomNetwork.py on PyNN 0.10.1 + Brian2: two SpikeSourceArrays (the same 100 Hz train,
exponential intervals from NumpyRNG seed 764756387) projecting with FixedProbabilityConnector(0.5, weight 1 nA)
onto two IF_curr_exp cells (v_thresh -50, tau_syn 2 ms, tau_refrac 2 ms, tau_m uniform in [18, 22] from the same
rng); dt 0.025 ms, min_delay 1 ms (so delay 1 ms), 1000 ms.
The example's random draws are made explicit: tau_m, the spike train and the connection matrix are drawn by PyNN
here, in the example's order, and stored in the fixture; tsnn gets them as numbers and as an ArrayConnector.
The example records v from `output_population.sample(5, rng)`, more cells than there are: both are recorded.
The spike times are put on the 0.025 ms grid (at least one step after 0), and Brian2's default clock is set to
that step (see below)."""
import brian2
import numpy as np
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from pyNN.random import NumpyRNG, RandomDistribution
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times

seed, tstop, input_rate, DT = 764756387, 1000.0, 100.0, 0.025
rng = NumpyRNG(seed=seed, parallel_safe=True)
cell_params = {'tau_refrac': 2.0, 'v_thresh': -50.0, 'tau_syn_E': 2.0, 'tau_syn_I': 2.0,
               'tau_m': RandomDistribution('uniform', low=18.0, high=22.0, rng=rng)}
sim.setup(timestep=DT, min_delay=1.0, max_delay=1.0)
# pyNN.brian2 0.10.1 builds SpikeSourceArray's SpikeGeneratorGroup on Brian2's default clock (0.1 ms), not on the
# network's: without this its spikes would be rounded to 0.1 ms.
brian2.defaultclock.dt = DT * brian2.ms
n_spikes = int(2 * tstop * input_rate / 1000.0)
spike_times = np.add.accumulate(rng.next(n_spikes, 'exponential', {'beta': 1000.0 / input_rate}, mask=None))
grid = [round(max(1, round(t / DT)) * DT, 10) for t in spike_times if t <= tstop + 10]
input_population = sim.Population(2, sim.SpikeSourceArray(spike_times=Sequence(brian2_source_times(grid, DT))),
                                  label="input")
output_population = sim.Population(2, sim.IF_curr_exp(**dict(cell_params, tau_refrac=brian2_tau_refrac(2.0, DT))),
                                   label="output")
tau_m = [float(x) for x in output_population.get('tau_m')]
projection = sim.Projection(input_population, output_population,
                            sim.FixedProbabilityConnector(0.5, rng=rng), sim.StaticSynapse(weight=1.0))
conns = projection.get(['weight', 'delay'], format='list')
matrix = [[0, 0], [0, 0]]
for i, j, wt, d in conns:
    matrix[int(i)][int(j)] = 1
output_population.record(['spikes', 'v'])
sim.run(tstop)
seg = output_population.get_data().segments[0]
times = [float(t) for t in np.arange(0.0, tstop + 1e-9, 25.0)]
write_fixture('simpleRandomNetwork', {
    'dt': DT, 'tstop': tstop, 'spike_times': grid, 'tau_m': tau_m, 'connections': matrix,
    'weights_delays': sorted([int(i), int(j), float(wt), float(d)] for i, j, wt, d in conns),
    'spikes': spikes_of(seg, DT), 'sample_times': times, 'v': samples_of(seg, 'v', times),
})
sim.end()
