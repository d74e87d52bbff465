"""PyNN example Izhikevich.py on PyNN 0.10.1 + Brian2: one Izhikevich cell (a 0.015, d 1.5; initial v -53.2 mV)
with excitatory input spikes at 5, 15, ..., 95 ms (weight 1.5, delay 2 ms) and inhibitory ones at
155, ..., 245 ms (weight -1.5, delay 4 ms); dt 1.0 ms, 200 ms. Spikes are recorded too."""
import pyNN.brian2 as sim
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_source_times

DT = 1.0
exc_times = [float(i) for i in range(5, 105, 10)]
inh_times = [float(i) for i in range(155, 255, 10)]
sim.setup(timestep=DT, min_delay=1.0, max_delay=4.0)
cell = sim.Population(1, sim.Izhikevich(a=0.015, d=1.5))
src_e = sim.Population(1, sim.SpikeSourceArray(spike_times=brian2_source_times(exc_times, DT)))
src_i = sim.Population(1, sim.SpikeSourceArray(spike_times=brian2_source_times(inh_times, DT)))
sim.Projection(src_e, cell, sim.AllToAllConnector(), sim.StaticSynapse(weight=1.5, delay=2.0),
               receptor_type='excitatory')
sim.Projection(src_i, cell, sim.AllToAllConnector(), sim.StaticSynapse(weight=-1.5, delay=4.0),
               receptor_type='inhibitory')
cell.record(['v', 'spikes'])
cell.initialize(v=-53.2)
sim.run(200.0)
seg = cell.get_data().segments[0]
import numpy as np
v = np.asarray(seg.filter(name='v')[0].magnitude)[:, 0]
write_fixture('izhikevich', {'dt': DT, 'simtime': 200.0, 'exc_times': exc_times, 'inh_times': inh_times,
                             'spikes': spikes_of(seg, DT)[0], 'v': [float(x) for x in v]})
sim.end()
