"""PyNN example EIF_cond_exp_isfa_ista.py on PyNN 0.10.1 + Brian2: one EIF_cond_exp_isfa_ista cell
(i_offset 1 nA, tau_refrac 2 ms, v_spike -40 mV), dt 0.01 ms, 200 ms. Spikes and w are recorded too."""
import pyNN.brian2 as sim
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac

DT = 0.01
sim.setup(timestep=DT, min_delay=0.1, max_delay=4.0)
cell = sim.Population(1, sim.EIF_cond_exp_isfa_ista(i_offset=1.0, tau_refrac=brian2_tau_refrac(2.0, DT),
                                                    v_spike=-40.0))
cell.record(['v', 'w', 'spikes'])
sim.run(200.0)
seg = cell.get_data().segments[0]
times = [0.0, 5.0, 10.0, 20.0, 50.0, 100.0, 150.0, 200.0]
write_fixture('eif_cond_exp_isfa_ista', {'dt': DT, 'simtime': 200.0, 'spikes': spikes_of(seg, DT)[0],
                                         'sample_times': times,
                                         'v': [r[0] for r in samples_of(seg, 'v', times)],
                                         'w': [r[0] for r in samples_of(seg, 'w', times)]})
sim.end()
