"""PyNN example simpleNetwork.py on PyNN 0.10.1 + Brian2: one SpikeSourceArray (100 Hz, exponential intervals drawn
with numpy seed 26278342, as the example) projecting with AllToAllConnector (weight 1 nA, the default delay =
min_delay 0.2 ms) onto two IF_curr_alpha cells (tau_refrac 2, v_thresh -50 and -48 mV, tau_syn 2 ms); dt 0.1 ms,
max_delay 1 ms, 1000 ms.
Ported to PyNN 0.10.1: Population(2, IF_curr_alpha(**cell_params)), projection.setWeights(1.0) becomes
StaticSynapse(weight=1.0). The train is put on the 0.1 ms grid (at least one step after 0; two spikes in one step,
which Brian2's SpikeGeneratorGroup refuses, kept once) and stored, so that tsnn runs on the very same input.
Brian2's schedule: source times - dt, tau_refrac + dt, stored spike times + dt (test/reference/brian2_timing.py)."""
import numpy as np
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times

tstop, rate, DT = 1000.0, 100.0, 0.1
sim.setup(timestep=DT, min_delay=0.2, max_delay=1.0)
cell_params = {'tau_refrac': 2.0, 'v_thresh': [-50.0, -48.0], 'tau_syn_E': 2.0, 'tau_syn_I': 2.0}
output_population = sim.Population(2, sim.IF_curr_alpha(**dict(cell_params, tau_refrac=brian2_tau_refrac(2.0, DT))),
                                   label="output")
number = int(2 * tstop * rate / 1000.0)
np.random.seed(26278342)
spike_times = np.add.accumulate(np.random.exponential(1000.0 / rate, size=number))
assert spike_times.max() > tstop
grid = sorted(set(round(max(1, round(t / DT)) * DT, 10) for t in spike_times if t <= tstop + 10))
input_population = sim.Population(1, sim.SpikeSourceArray(spike_times=Sequence(brian2_source_times(grid, DT))),
                                  label="input")
projection = sim.Projection(input_population, output_population, sim.AllToAllConnector(),
                            sim.StaticSynapse(weight=1.0))
input_population.record('spikes')
output_population.record(('spikes', 'v'))
sim.run(tstop)
seg = output_population.get_data().segments[0]
times = [float(t) for t in np.arange(0.0, tstop + 1e-9, 5.0)]
write_fixture('simpleNetwork', {
    'example': 'NeuralEnsemble/PyNN examples/simpleNetwork.py',
    'dt': DT, 'tstop': tstop, 'cell_params': cell_params, 'spike_times': grid,
    'weights_delays': sorted([int(i), int(j), float(w), float(d)]
                             for i, j, w, d in projection.get(['weight', 'delay'], format='list')),
    'input_spikes': spikes_of(input_population.get_data().segments[0], DT)[0],
    'spikes': spikes_of(seg, DT), 'sample_times': times, 'v': samples_of(seg, 'v', times),
})
sim.end()
