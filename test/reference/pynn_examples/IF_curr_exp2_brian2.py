"""PyNN example IF_curr_exp2.py on PyNN 0.10.1 + Brian2: one IF_curr_exp cell (i_offset 0.1 nA, tau_refrac 3 ms,
v_thresh -51 mV, tau_syn_E 2 ms, tau_syn_I 5 ms, v_reset -70 mV, initial v -53.2 mV) driven by a SpikeSourceArray
of 200 spike times (cumulated exponential intervals, mean 5 ms, NumpyRNG seed 240965239) through connect(weight
1.5 nA, delay 2 ms); dt 0.01 ms, min_delay 2, max_delay 4, 1000 ms.
Changes: the example's rng.next(n_spikes, 'exponential', [1000.0/input_rate]) passes n as a float (200.0) and the
parameters as a list: PyNN 0.10.1 wants an int and a dict, so it is called as rng.next(200, 'exponential',
{'beta': 5.0}) (the same numpy draws); the old record(cell, file)/record_v(cell, file) become record('spikes')
and record('v'). The drawn times are stored in the fixture (raw, and on the 0.01 ms grid: tsnn, as NEST, fires a
SpikeSourceArray time at the end of the step that holds it; Brian2 is given the grid times - dt). Brian2 runs with
defaultclock.dt = dt (PyNN 0.10.1 makes SpikeGeneratorGroups on Brian2's defaultclock) and the timing adjustments
of brian2_timing.py, so the fixture is in the NEST/PyNN step convention."""
import brian2
import numpy
import pyNN.brian2 as sim
from pyNN.random import NumpyRNG
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times

DT, SIMTIME = 0.01, 1000.0
params = {'i_offset': 0.1, 'tau_refrac': 3.0, 'v_thresh': -51.0, 'tau_syn_E': 2.0, 'tau_syn_I': 5.0, 'v_reset': -70.0}
sim.setup(timestep=DT, min_delay=2.0, max_delay=4.0)
brian2.defaultclock.dt = DT * brian2.ms
input_rate = 200.0
seed = 240965239
rng = NumpyRNG(seed=seed)
n_spikes = input_rate * SIMTIME / 1000.0
raw = numpy.add.accumulate(rng.next(int(n_spikes), 'exponential', {'beta': 1000.0 / input_rate}))
raw = [float(t) for t in raw]
def nest_step(t):
    # The end of the step that holds t, as NEST's Time::ms_stamp and tsnn (spike_time_step.h); on the grid up to
    # binary noise, its own step.
    x = t / DT
    nearest = round(x)
    return nearest if abs(x - nearest) <= 1e-9 * max(1.0, nearest) else numpy.ceil(x)


grid = [round(float(nest_step(t)) * DT, 10) for t in raw]
ifcell = sim.create(sim.IF_curr_exp, dict(params, tau_refrac=brian2_tau_refrac(3.0, DT)))
spike_source = sim.create(sim.SpikeSourceArray, {'spike_times': brian2_source_times(grid, DT)})
sim.connect(spike_source, ifcell, weight=1.5, receptor_type='excitatory', delay=2.0)
ifcell.record('spikes')
ifcell.record('v')
sim.initialize(ifcell, v=-53.2)
sim.run(SIMTIME)
seg = ifcell.get_data().segments[0]
times = [0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 333.33, 500.0, 750.0, 999.0, 1000.0]
write_fixture('IF_curr_exp2', {
    'dt': DT, 'simtime': SIMTIME, 'params': params, 'weight': 1.5, 'delay': 2.0, 'v_init': -53.2,
    'input_spike_times_raw': raw, 'input_spike_times': grid,
    'spikes': spikes_of(seg, DT)[0], 'sample_times': times, 'v': [row[0] for row in samples_of(seg, 'v', times)],
})
sim.end()
