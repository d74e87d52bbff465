"""PyNN example StepCurrentSource.py on PyNN 0.10.1 + Brian2: one IF_curr_exp (v_thresh -55 mV, tau_refrac 5 ms)
driven by a StepCurrentSource (50, 110, 150, 210 ms: 0.4, 0.6, -0.2, 0.2 nA); default dt 0.1 ms, 250 ms.
Spikes are recorded too (the example records v only)."""
import pyNN.brian2 as sim
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac

DT = 0.1
sim.setup(timestep=DT)
cell = sim.Population(1, sim.IF_curr_exp(v_thresh=-55.0, tau_refrac=brian2_tau_refrac(5.0, DT)))
cell.inject(sim.StepCurrentSource(times=[50.0, 110.0, 150.0, 210.0], amplitudes=[0.4, 0.6, -0.2, 0.2]))
cell.record(['v', 'spikes'])
sim.run(250.0)
seg = cell.get_data().segments[0]
times = [0.0, 49.9, 50.0, 50.1, 51.0, 60.0, 100.0, 120.0, 150.1, 160.0, 200.0, 210.1, 230.0, 250.0]
write_fixture('step_current_source', {'dt': DT, 'simtime': 250.0, 'spikes': spikes_of(seg, DT)[0],
                                      'sample_times': times, 'v': [r[0] for r in samples_of(seg, 'v', times)]})
sim.end()
