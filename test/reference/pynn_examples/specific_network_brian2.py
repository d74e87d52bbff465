"""PyNN example specific_network.py on PyNN 0.10.1 + Brian2: five IF_curr_alpha cells (v_rest 0, v_thresh 20 mV)
driven by five SpikeSourceArrays through a FromListConnector of 11 connections (0.5 nA, 1 ms); dt 0.1 ms, 1000 ms.
The example draws the input spike times with numpy (seed 26278342); they are drawn here the same way and stored
in the fixture, so that tsnn runs on the very same input."""
import numpy as np
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times

N, W, DELAY, DT, RATE, SIMTIME = 5, 0.5, 1.0, 0.1, 50.0, 1000.0
params = dict(tau_m=20.0, tau_syn_E=2.0, tau_syn_I=4.0, tau_refrac=2.0, v_rest=0.0, v_reset=0.0, v_thresh=20.0,
              cm=0.5)
number = int(2 * SIMTIME * RATE / 1000.0)
np.random.seed(26278342)
input_times = [np.round(np.add.accumulate(DT + np.random.exponential(1000.0 / RATE, size=number)), 10)
               for _ in range(N)]
# spikes after the end of the run never matter: keep the fixture short
input_times = [[float(t) for t in ts if t <= SIMTIME + 10] for ts in input_times]
conn_list = [(0, 1), (0, 2), (0, 4), (1, 0), (1, 1), (1, 3), (1, 4), (2, 3), (3, 0), (3, 2), (4, 2)]

sim.setup(timestep=DT, min_delay=DELAY, max_delay=DELAY)
cells = sim.Population(N, sim.IF_curr_alpha(**dict(params, tau_refrac=brian2_tau_refrac(2.0, DT))),
                       initial_values={'v': 0.0})
# input spikes on the 0.1 ms grid, one step earlier for Brian2 (see brian2_timing.py)
grid = [[round(round(t / DT) * DT, 10) for t in ts] for ts in input_times]
sources = sim.Population(N, sim.SpikeSourceArray(
    spike_times=[Sequence(brian2_source_times(ts, DT)) for ts in grid]))
cells.record('spikes')
cells[0:1].record('v')
sim.Projection(sources, cells, sim.FromListConnector([(i, j, W, DELAY) for i, j in conn_list]), sim.StaticSynapse())
sim.run(SIMTIME)
seg = cells.get_data().segments[0]
times = [0.0, 50.0, 100.0, 250.0, 500.0, 750.0, 1000.0]
spikes = spikes_of(seg, DT)
write_fixture('specific_network', {
    'dt': DT, 'simtime': SIMTIME, 'params': params, 'weight': W, 'delay': DELAY, 'connections': conn_list,
    'input_spike_times': grid, 'spikes': spikes, 'mean_rate_hz': sum(map(len, spikes)) / N * 1000.0 / SIMTIME,
    'sample_times': times, 'v_cell0': [row[0] for row in samples_of(seg, 'v', times)],
})
sim.end()
