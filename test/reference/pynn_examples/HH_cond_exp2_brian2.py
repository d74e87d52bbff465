"""PyNN example HH_cond_exp2.py on PyNN 0.10.1 + Brian2, and its accurate solution: one HH_cond_exp cell (the
example's parameters, which are PyNN's defaults except i_offset 1 nA) from v = -64 mV (m = 0, h = 1, n = 0: PyNN's
initial values), dt 0.001 ms, min_delay 0.1, 20 ms.
Changes: the example records v with record('v', cell, file) and, on Brian2, m, h and n through a can_record hack;
here v, m, h, n are recorded with Population.record on Brian2 (tsnn records v only: HH_cond_exp's recordables are
spikes, v, gsyn_exc, gsyn_inh). Spikes are not recorded on Brian2: pyNN.brian2's HH threshold 'v > -40 mV' has no
refractory period and records a spike at every step above -40 mV (cells2_generate_fixtures.py).

The truth for tsnn is the accurate solution (examples_control_common.hh_accurate: SciPy DOP853 to 1e-10 with
NEST's hh_cond_exp_traub spike rule), stored as 'accurate'. Brian2's exponential Euler at dt 0.001 ms is stored
too, with its difference from the accurate solution ('brian2_vs_accurate_max_abs_v'): the test compares tsnn
with Brian2 within that difference plus a margin."""
import brian2
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import write_fixture
from examples_control_common import hh_accurate, HH_INITIAL

DT, SIMTIME = 0.001, 20.0
cellparams = {'gbar_Na': 20.0, 'gbar_K': 6.0, 'g_leak': 0.01, 'cm': 0.2, 'v_offset': -63.0, 'e_rev_Na': 50.0,
              'e_rev_K': -90.0, 'e_rev_leak': -65.0, 'e_rev_E': 0.0, 'e_rev_I': -80.0, 'tau_syn_E': 0.2,
              'tau_syn_I': 2.0, 'i_offset': 1.0}
sim.setup(timestep=DT, min_delay=0.1)
brian2.defaultclock.dt = DT * brian2.ms
hhcell = sim.create(sim.HH_cond_exp, cellparams=cellparams)
sim.initialize(hhcell, v=-64.0)
hhcell.can_record = lambda x: True  # the example's hack
hhcell.record(['v', 'm', 'h', 'n'])
sim.run(SIMTIME)
seg = hhcell.get_data().segments[0]
b2 = {name: np.asarray(seg.filter(name=name)[0].magnitude)[:, 0] for name in ('v', 'm', 'h', 'n')}
sim.end()

acc, spikes = hh_accurate(cellparams, dict(HH_INITIAL, v=-64.0), SIMTIME, DT, [(0.0, SIMTIME, 0.0)])
sample_times = [round(0.25 * k, 10) for k in range(int(SIMTIME / 0.25) + 1)]
idx = [int(round(t / DT)) for t in sample_times]
n = min(len(b2['v']), acc.shape[0])
write_fixture('HH_cond_exp2', {
    'dt': DT, 'simtime': SIMTIME, 'params': cellparams, 'v_init': -64.0,
    'sample_times': sample_times,
    'accurate': {'v': [float(acc[k, 0]) for k in idx], 'spikes': spikes,
                 'method': 'SciPy DOP853 rtol = atol = 1e-10, NEST hh_cond_exp_traub spike rule (v > v_offset + 30 '
                           'mV at the step where v falls past its peak, 2 ms refractory)'},
    'brian2': {name: [float(b2[name][k]) for k in idx] for name in ('v', 'm', 'h', 'n')},
    'brian2_vs_accurate_max_abs_v': float(np.abs(b2['v'][:n] - acc[:n, 0]).max()),
})
