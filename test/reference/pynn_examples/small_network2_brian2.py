"""PyNN example small_network2.py on PyNN 0.10.1 + Brian2: five IF_curr_alpha cells (v_rest 0, v_thresh 20 mV,
cm 0.5 nF, tau_syn 2/4 ms), five SpikeSourceArrays (50 Hz, exponential intervals drawn with numpy seed 26278342 in
the example's order: its `assert generate_spike_times(0).max() > simtime` consumes the first draw) projecting with
FixedProbabilityConnector(0.5) (weight 0.5 nA, delay 1 ms); dt 0.1 ms, 1000 ms.
The trains are put on the 0.1 ms grid (at least one step after 0; one spike per step) and stored.
The connections are random, and tsnn draws other ones; but a cell's output depends only on which sources reach
it. So besides the example (its connection matrix, spikes, v of cell 0, mean rate), this runs 32 more cells, cell
s reached by source i when bit i of s is set (FromListConnector, same synapse): the output of every possible
subset of sources, which tsnn's own draw is checked against.
Brian2's schedule: source times - dt, tau_refrac + dt, stored spike times + dt (test/reference/brian2_timing.py)."""
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from examples_cells_common import (spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times,
                                  small_network_input_trains)

n, w, DT, syn_delay, input_rate, simtime = 5, 0.5, 0.1, 1.0, 50.0, 1000.0
cell_params = {'tau_m': 20.0, 'tau_syn_E': 2.0, 'tau_syn_I': 4.0, 'tau_refrac': 2.0, 'v_rest': 0.0, 'v_reset': 0.0,
               'v_thresh': 20.0, 'cm': 0.5}
grid = small_network_input_trains(n, input_rate, simtime, DT)

sim.setup(timestep=DT, max_delay=syn_delay)
celltype = sim.IF_curr_alpha(**dict(cell_params, tau_refrac=brian2_tau_refrac(2.0, DT)))
cells = sim.Population(n, celltype, initial_values={'v': 0.0}, label="cells")
spike_source = sim.Population(n, sim.SpikeSourceArray(
    spike_times=[Sequence(brian2_source_times(ts, DT)) for ts in grid]))
spike_source.record('spikes')
cells.record('spikes')
cells[0:1].record('v')
input_conns = sim.Projection(spike_source, cells, sim.FixedProbabilityConnector(0.5),
                             sim.StaticSynapse(weight=w, delay=syn_delay))
subsets = sim.Population(2 ** n, celltype, initial_values={'v': 0.0}, label="subsets")
subsets.record('spikes')
sim.Projection(spike_source, subsets,
               sim.FromListConnector([(i, s) for s in range(2 ** n) for i in range(n) if s >> i & 1]),
               sim.StaticSynapse(weight=w, delay=syn_delay))
sim.run(simtime)
seg = cells.get_data().segments[0]
matrix = [[0] * n for _ in range(n)]
for i, j, _ in input_conns.get('weight', format='list'):
    matrix[int(i)][int(j)] = 1
times = [0.0, 50.0, 100.0, 250.0, 500.0, 750.0, 1000.0]
write_fixture('small_network2', {
    'example': 'NeuralEnsemble/PyNN examples/small_network2.py',
    'dt': DT, 'simtime': simtime, 'params': cell_params, 'weight': w, 'delay': syn_delay,
    'input_spike_times': grid, 'connections': matrix, 'size': len(input_conns),
    'spikes': spikes_of(seg, DT), 'mean_rate_hz': cells.mean_spike_count() * 1000.0 / simtime,
    'sample_times': times, 'v_cell0': [row[0] for row in samples_of(seg, 'v', times)],
    'subset_spikes': spikes_of(subsets.get_data().segments[0], DT),
})
sim.end()
