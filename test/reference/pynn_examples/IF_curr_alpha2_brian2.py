"""PyNN example IF_curr_alpha2.py on PyNN 0.10.1 + Brian2: five identical IF_curr_alpha cells (i_offset -0.1 nA,
tau_refrac 0.1 ms, v_thresh -52.2 mV) driven by one SpikeSourceArray firing every 0.1 ms from 0.1 to 100 ms
through connect(weight=1.5) (the default delay: min_delay 0.1 ms); dt 0.01 ms, 100 ms.
Changes: spikes are recorded too (the example records v of cell 0 only); record('v', ifcells[0:1], file) is
ifcells[0:1].record('v') (no file written); the procedural create/connect calls are kept. Brian2's timing adjustments of brian2_timing.py (source times - dt, tau_refrac + dt, spike times
+ dt) put the fixture in the NEST/PyNN step convention. PyNN 0.10.1 makes SpikeGeneratorGroups on Brian2's
defaultclock (0.1 ms), not on its network clock: defaultclock.dt is set to the run's dt (as generate_fixtures.py)
so that the input spikes are on the 0.01 ms grid."""
import brian2
import pyNN.brian2 as sim
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times

DT, SIMTIME, W = 0.01, 100.0, 1.5
params = {'i_offset': -0.1, 'tau_refrac': 0.1, 'v_thresh': -52.2}
source_times = [round(0.1 * float(i), 10) for i in range(1, 1001, 1)]
sim.setup(timestep=DT, min_delay=0.1)
brian2.defaultclock.dt = DT * brian2.ms
ifcells = sim.create(sim.IF_curr_alpha, dict(params, tau_refrac=brian2_tau_refrac(0.1, DT)), n=5)
spike_source = sim.create(sim.SpikeSourceArray, {'spike_times': brian2_source_times(source_times, DT)})
sim.connect(spike_source, ifcells, weight=W)
ifcells.record('spikes')
ifcells[0:1].record('v')  # the example's record('v', ifcells[0:1], file) would write the file at end()
sim.run(SIMTIME)
seg = ifcells.get_data().segments[0]
seg_v = ifcells[0:1].get_data().segments[0]
times = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 75.0, 99.0, 100.0]
write_fixture('IF_curr_alpha2', {
    'dt': DT, 'simtime': SIMTIME, 'params': params, 'weight': W, 'source_times': source_times,
    'spikes': spikes_of(seg, DT), 'sample_times': times, 'v_cell0': [row[0] for row in samples_of(seg_v, 'v', times)],
})
sim.end()
