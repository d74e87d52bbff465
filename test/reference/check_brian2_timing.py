#!/usr/bin/python3
"""Checks the three claims of brian2_timing.py on PyNN/Brian2 itself (run before trusting the fixtures).

/usr/bin/python3 test/reference/check_brian2_timing.py   -> prints one line per check and 'N passed, N failed'
"""
import numpy as np
import brian2
import pyNN.brian2 as sim

from brian2_timing import brian2_source_times, brian2_tau_refrac, nest_spike_times

brian2.prefs.codegen.target = 'numpy'
DT = 0.1
results = []


def check(name, ok, detail):
    results.append(ok)
    print(('ok    ' if ok else 'FAIL  ') + name + ': ' + detail)


sim.setup(timestep=DT, min_delay=DT)
params = dict(cm=1.0, tau_m=10.0, tau_refrac=1.0, v_rest=-65.0, v_reset=-70.0, v_thresh=-50.0)
# cell 'jump' gets one 2 mV jump from a spike at 2.0 ms with delay 1.0 ms: NEST shows it at the 3.0 ms sample
src = sim.Population(1, sim.SpikeSourceArray(spike_times=brian2_source_times([2.0], DT)))
jump = sim.Population(1, sim.IF_curr_delta(**params))
sim.Projection(src, jump, sim.OneToOneConnector(), sim.StaticSynapse(weight=2.0, delay=1.0),
               receptor_type='excitatory')
# cell 'driven' fires repeatedly under 3 nA: NEST holds v_reset on the spike sample + round(1.0/0.1) samples
driven = sim.Population(1, sim.IF_curr_delta(**dict(params, tau_refrac=brian2_tau_refrac(1.0, DT),
                                                     i_offset=3.0)))
jump.record('v')
driven.record(['v', 'spikes'])
sim.run(30.0)
vj = np.asarray(jump.get_data().segments[0].filter(name='v')[0].magnitude)[:, 0]
seg = driven.get_data().segments[0]
vd = np.asarray(seg.filter(name='v')[0].magnitude)[:, 0]
spikes = nest_spike_times(list(seg.spiketrains[0].magnitude), DT)
sim.end()

k = int(round(3.0 / DT))
check('event lands on the sample t + d', abs(vj[k - 1] - (-65.0)) < 1e-9 and abs(vj[k] - (-63.0)) < 1e-9,
      f'v(2.9) = {vj[k - 1]}, v(3.0) = {vj[k]} (expected -65, -63)')
check('the leak then decays exactly', abs(vj[k + 10] - (-65.0 + 2.0 * np.exp(-1.0 / 10.0))) < 1e-9,
      f'v(4.0) = {vj[k + 10]:.9f}, analytic {-65.0 + 2.0 * np.exp(-0.1):.9f}')
ks = [int(round(t / DT)) for t in spikes]
check('a spike is reported at its reset sample', len(ks) > 1 and all(vd[i] == -70.0 and vd[i - 1] > -70.0
                                                                      for i in ks),
      f'spikes {spikes[:3]}..., v at those samples {[float(vd[i]) for i in ks[:3]]}')
held = [int(np.sum(vd[i:i + 20] == -70.0)) for i in ks[:-1]]
check('v held for the spike sample + round(tau_refrac/dt) samples', all(h == 11 for h in held),
      f'samples at v_reset after each spike: {held} (expected 11)')
# Analytic first spike: from -65 mV under 3 nA (v_inf = -35 mV), v crosses -50 mV at t = tau_m ln 2 = 6.93 ms;
# the first sample at or above threshold is 7.0 ms.
check('first spike at the analytic crossing sample', abs(spikes[0] - 7.0) < 1e-9,
      f'first spike {spikes[0]} ms (analytic crossing 6.93 ms -> sample 7.0 ms)')
n_pass = sum(results)
print(f'{n_pass} passed, {len(results) - n_pass} failed')
