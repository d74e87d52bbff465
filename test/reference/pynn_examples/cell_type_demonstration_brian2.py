"""PyNN example cell_type_demonstration.py on PyNN 0.10.1 + Brian2: five single cells (IF_curr_exp,
HH_cond_exp, EIF_cond_exp_isfa_ista, IF_cond_exp_gsfa_grr, Izhikevich) under i_offset, dt 0.01 ms, 100 ms;
v recorded for all, w for the AdExp cell, u for the Izhikevich cell. Spikes recorded too (the example does not).
pyNN.brian2 0.10.1 scales IF_cond_exp_gsfa_grr's q_sfa and q_rr by 1e9 (AdaptiveNeuronGroup2 multiplies the
values, already in siemens, by 1e9 and adds them as nS): the example's cell is run as written
('IF_cond_exp_gsfa_grr') and once more with q_sfa and q_rr given as 1e-9 of their defaults, which undoes the
scaling ('IF_cond_exp_gsfa_grr_q_fixed')."""
import pyNN.brian2 as sim
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac

DT = 0.01
sim.setup(timestep=DT, min_delay=1.0)
tr = brian2_tau_refrac(0.1, DT)   # the default tau_refrac of the IF/EIF types, + dt (Brian2's schedule)
pops = {
    'IF_curr_exp': sim.Population(1, sim.IF_curr_exp(i_offset=1.0, tau_refrac=tr)),
    'HH_cond_exp': sim.Population(1, sim.HH_cond_exp(i_offset=0.2)),
    'EIF_cond_exp_isfa_ista': sim.Population(1, sim.EIF_cond_exp_isfa_ista(i_offset=1.0, tau_refrac=tr)),
    'IF_cond_exp_gsfa_grr': sim.Population(1, sim.IF_cond_exp_gsfa_grr(i_offset=2.0, tau_refrac=tr)),
    'Izhikevich': sim.Population(1, sim.Izhikevich(i_offset=0.01)),
    'IF_cond_exp_gsfa_grr_q_fixed': sim.Population(1, sim.IF_cond_exp_gsfa_grr(
        i_offset=2.0, tau_refrac=tr, q_sfa=15.0e-9, q_rr=3000.0e-9)),
}
for name, p in pops.items():
    p.record(['v'] if name == 'HH_cond_exp' else ['v', 'spikes'])
pops['EIF_cond_exp_isfa_ista'].record('w')
pops['Izhikevich'].record('u')
for name in ('IF_cond_exp_gsfa_grr', 'IF_cond_exp_gsfa_grr_q_fixed'):
    pops[name].record(['g_r', 'g_s'])
sim.run(100.0)
times = [0.0, 1.0, 5.0, 10.0, 20.0, 33.0, 50.0, 75.0, 100.0]
out = {'dt': DT, 'simtime': 100.0, 'sample_times': times, 'cells': {}}
for name, p in pops.items():
    seg = p.get_data().segments[0]
    entry = {'v': [row[0] for row in samples_of(seg, 'v', times)]}
    if name == 'HH_cond_exp':
        # HH has no threshold in PyNN: upward crossings of 0 mV of the recorded v (time of the first sample >= 0)
        import numpy as np
        v = np.asarray(seg.filter(name='v')[0].magnitude)[:, 0]
        up = np.nonzero((v[1:] >= 0) & (v[:-1] < 0))[0] + 1
        entry['crossings_0mV'] = [round(float(k * DT), 10) for k in up]
    else:
        entry['spikes'] = spikes_of(seg, DT)[0]
    if name == 'EIF_cond_exp_isfa_ista':
        entry['w'] = [row[0] for row in samples_of(seg, 'w', times)]
    if name == 'Izhikevich':
        entry['u'] = [row[0] for row in samples_of(seg, 'u', times)]
    if name.startswith('IF_cond_exp_gsfa_grr'):
        entry['g_r'] = [row[0] for row in samples_of(seg, 'g_r', times)]
        entry['g_s'] = [row[0] for row in samples_of(seg, 'g_s', times)]
    out['cells'][name] = entry
write_fixture('cell_type_demonstration', out)
sim.end()
