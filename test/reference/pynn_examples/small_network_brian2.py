"""PyNN example small_network.py on PyNN 0.10.1 + Brian2: five IF_curr_alpha cells (v_rest 0, v_thresh 20 mV,
cm 0.5 nF), each driven by all five SpikeSourceArrays (AllToAllConnector, weight 0.3 nA, delay 1 ms);
dt 0.1 ms, 1000 ms. The example draws the input spike times with numpy (seed 26278342, 50 Hz exponential
intervals; its `assert generate_spike_times(0).max() > simtime` consumes the first draw); they are drawn here the
same way, put on the 0.1 ms grid (at least one step after 0, as tsnn and NEST drop a spike at t = 0; two spikes
of one source in the same step, which Brian2's SpikeGeneratorGroup refuses, are kept once) and stored
in the fixture, so that tsnn runs on the very same input. The example's setWeights/setDelays (old API) become
StaticSynapse(weight=0.3, delay=1.0)."""
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from examples_cells_common import (spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times,
                                  small_network_input_trains)

n, w, DT, syn_delay, input_rate, simtime = 5, 0.3, 0.1, 1.0, 50.0, 1000.0
params = dict(tau_m=20.0, tau_syn_E=2.0, tau_syn_I=4.0, tau_refrac=2.0, v_rest=0.0, v_reset=0.0, v_thresh=20.0,
              cm=0.5)
grid = small_network_input_trains(n, input_rate, simtime, DT)

sim.setup(timestep=DT, max_delay=syn_delay)
cells = sim.Population(n, sim.IF_curr_alpha(**dict(params, tau_refrac=brian2_tau_refrac(2.0, DT))),
                       initial_values={'v': 0.0}, label="cells")
spike_source = sim.Population(n, sim.SpikeSourceArray(
    spike_times=[Sequence(brian2_source_times(ts, DT)) for ts in grid]))
cells.record('spikes')
cells[0:1].record('v')
input_conns = sim.Projection(spike_source, cells, sim.AllToAllConnector(), sim.StaticSynapse(weight=w, delay=syn_delay))
sim.run(simtime)
seg = cells.get_data().segments[0]
spikes = spikes_of(seg, DT)
times = [0.0, 50.0, 100.0, 250.0, 500.0, 750.0, 1000.0]
write_fixture('small_network', {
    'dt': DT, 'simtime': simtime, 'params': params, 'weight': w, 'delay': syn_delay,
    'input_spike_times': grid, 'spikes': spikes, 'mean_rate_hz': cells.mean_spike_count() * 1000.0 / simtime,
    'sample_times': times, 'v_cell0': [row[0] for row in samples_of(seg, 'v', times)],
})
sim.end()
