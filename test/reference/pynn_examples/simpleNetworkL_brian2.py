"""PyNN example simpleNetworkL.py (the low-level interface: create, connect, record) on PyNN 0.10.1 + Brian2: one
SpikeSourceArray (100 Hz, exponential intervals drawn with numpy seed 637645386, as the example) connected with
connect(weight=1.0) (default delay = min_delay 0.2 ms) to two IF_curr_alpha cells made by two create() calls
(tau_refrac 2, v_thresh -50, tau_syn_E 2, tau_syn_I 4); v of both recorded with record('v', ifcell1 + ifcell2,
filename); dt 0.1 ms, 1000 ms.
The train is put on the 0.1 ms grid (at least one step after 0; one spike per step) and stored. Stored: the Assembly's data read with get_data()
before end(), and what the example leaves: the file end() writes (pickle), read back.
Brian2's schedule: source times - dt, tau_refrac + dt, stored spike times + dt (test/reference/brian2_timing.py)."""
import os
import pickle
import tempfile
import numpy as np
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from examples_cells_common import samples_of, write_fixture, brian2_tau_refrac, brian2_source_times

tstop, rate, DT = 1000.0, 100.0, 0.1
sim.setup(timestep=DT, min_delay=0.2)
cell_params = {'tau_refrac': 2.0, 'v_thresh': -50.0, 'tau_syn_E': 2.0, 'tau_syn_I': 4.0}
brian2_params = dict(cell_params, tau_refrac=brian2_tau_refrac(2.0, DT))
ifcell1 = sim.create(sim.IF_curr_alpha, brian2_params)
ifcell2 = sim.create(sim.IF_curr_alpha, brian2_params)
number = int(2 * tstop * rate / 1000.0)
np.random.seed(637645386)
spike_times = np.add.accumulate(np.random.exponential(1000.0 / rate, size=number))
assert spike_times.max() > tstop
grid = sorted(set(round(max(1, round(t / DT)) * DT, 10) for t in spike_times if t <= tstop + 10))
spike_source = sim.create(sim.SpikeSourceArray, {'spike_times': Sequence(brian2_source_times(grid, DT))})
conn1 = sim.connect(spike_source, ifcell1, weight=1.0)
conn2 = sim.connect(spike_source, ifcell2, weight=1.0)
both = ifcell1 + ifcell2
filename = os.path.join(tempfile.mkdtemp(), 'simpleNetworkL_brian2.pkl')
sim.record('v', both, filename)
sim.run(tstop)
seg = both.get_data().segments[0]
sig = seg.filter(name='v')[0]
times = [float(t) for t in np.arange(0.0, tstop + 1e-9, 2.0)]
v = samples_of(seg, 'v', times)
sim.end()
# The file end() wrote: Assembly.record records each population with the same to_file, so end() writes the file
# once per population, each write replacing the last: it holds the last population's v only.
with open(filename, 'rb') as f:
    block = pickle.load(f)
fsig = block.segments[0].filter(name='v')[0]
write_fixture('simpleNetworkL', {
    'example': 'NeuralEnsemble/PyNN examples/simpleNetworkL.py',
    'dt': DT, 'tstop': tstop, 'cell_params': cell_params, 'spike_times': grid,
    'connections': [[[int(i), int(j), float(w), float(d)] for i, j, w, d in c.get(['weight', 'delay'], format='list')]
                    for c in (conn1, conn2)],
    'v_shape': list(sig.shape), 'v_units': str(sig.units.dimensionality),
    'sample_times': times, 'v': v,
    'file': {'v_shape': list(fsig.shape), 'block_name': block.name,
             'source_population': fsig.annotations.get('source_population'),
             'v': [row[0] for row in (lambda a: [[float(a[int(round(t / DT)), 0])] for t in times])(np.asarray(fsig.magnitude))]},
})
