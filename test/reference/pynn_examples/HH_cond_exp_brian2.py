"""PyNN example HH_cond_exp.py on PyNN 0.10.1 + Brian2, and its accurate solution: one HH_cond_exp cell (PyNN's
defaults) driven by excitatory spikes at 1, 2, ..., 99 ms (weight 0.02 uS, delay 2 ms) and inhibitory spikes at
100, 111, ..., 199 ms (0.01 uS, delay 4 ms), dt 0.01 ms, min_delay 0.1, max_delay 4, 200 ms.
Changes: defaultclock.dt is set to the run's dt (PyNN 0.10.1 makes SpikeGeneratorGroups on Brian2's
defaultclock, 0.1 ms, so without it every input would arrive up to 0.1 ms early); the example's record(['v', 'gsyn_exc', 'gsyn_inh'], cell, file) is Population.record; Brian2 got source
times - dt (NEST's step convention, examples_cells_common). Spikes are not recorded on Brian2: pyNN.brian2's HH
threshold 'v > -40 mV' has no refractory period and records a spike at every step above -40 mV.
The truth for tsnn is the accurate solution ('accurate', examples_more_cells_common.hh_syn_accurate: SciPy DOP853
to 1e-10 between arrivals, conductances in closed form, NEST's hh_cond_exp_traub spike rule): Brian2's exponential
Euler drifts from it over the action potentials; run again at dt 0.001 ms its 0 mV crossings move onto the
accurate ones ('brian2_dt0.001_crossings_0mV'). Brian2's largest
distance from the accurate v more than 3 ms from any spike of either is stored ('brian2_vs_accurate_max_abs_v_away3')."""
import brian2
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import write_fixture, brian2_source_times
from examples_control_common import HH_INITIAL
from examples_more_cells_common import hh_syn_accurate, _arrivals, _g

DT, SIMTIME = 0.01, 200.0
exc_times = [float(i) for i in range(1, 100, 1)]
inh_times = [float(i) for i in range(100, 200, 11)]
weights = {'excitatory': 0.02, 'inhibitory': 0.01}
delays = {'excitatory': 2.0, 'inhibitory': 4.0}


def run_brian2(dt):
    sim.setup(timestep=dt, min_delay=0.1, max_delay=4.0)
    brian2.defaultclock.dt = dt * brian2.ms   # PyNN 0.10.1 makes SpikeGeneratorGroups on Brian2's defaultclock
    hhcell = sim.create(sim.HH_cond_exp())
    src_e = sim.create(sim.SpikeSourceArray(spike_times=brian2_source_times(exc_times, dt)))
    src_i = sim.create(sim.SpikeSourceArray(spike_times=brian2_source_times(inh_times, dt)))
    sim.connect(src_e, hhcell, weight=weights['excitatory'], receptor_type='excitatory', delay=delays['excitatory'])
    sim.connect(src_i, hhcell, weight=weights['inhibitory'], receptor_type='inhibitory', delay=delays['inhibitory'])
    hhcell.record(['v', 'gsyn_exc', 'gsyn_inh'])
    sim.run(SIMTIME)
    seg = hhcell.get_data().segments[0]
    out = {name: np.asarray(seg.filter(name=name)[0].magnitude)[:, 0] for name in ('v', 'gsyn_exc', 'gsyn_inh')}
    sim.end()
    return out


def crossings(v, dt):
    """Times (ms) of the first sample at or above 0 mV after one below it."""
    up = np.nonzero((v[1:] >= 0) & (v[:-1] < 0))[0] + 1
    return [round(float(k * dt), 10) for k in up]


b2 = run_brian2(DT)
b2_fine = run_brian2(DT / 10)   # Brian2's own convergence: its crossings at dt 0.001 ms

inputs = [(exc_times, delays['excitatory'], weights['excitatory'], 'excitatory'),
          (inh_times, delays['inhibitory'], weights['inhibitory'], 'inhibitory')]
v_acc, spikes = hh_syn_accurate({}, HH_INITIAL, inputs, SIMTIME, DT)
arr = _arrivals(inputs, DT)
sample_times = [round(0.5 * k, 10) for k in range(int(SIMTIME / 0.5) + 1)]
idx = [int(round(t / DT)) for t in sample_times]
n = min(len(b2['v']), len(v_acc))
t_all = np.arange(n) * DT
b2_cross = crossings(b2['v'], DT)
away = np.array([all(abs(t - s) > 3.0 for s in spikes + b2_cross) for t in t_all])
write_fixture('HH_cond_exp', {
    'dt': DT, 'simtime': SIMTIME, 'exc_times': exc_times, 'inh_times': inh_times, 'weights': weights,
    'delays': delays, 'sample_times': sample_times,
    'accurate': {'v': [float(v_acc[k]) for k in idx], 'spikes': spikes,
                 'gsyn_exc': [_g(arr['excitatory'], 0.2, k * DT, DT, False, k) for k in idx],
                 'gsyn_inh': [_g(arr['inhibitory'], 2.0, k * DT, DT, False, k) for k in idx],
                 'method': 'SciPy DOP853 rtol = atol = 1e-10 between arrivals, closed-form conductances, NEST '
                           'hh_cond_exp_traub spike rule (v > v_offset + 30 mV at the step where v falls past its '
                           'peak, 2 ms refractory)'},
    'brian2': {name: [float(b2[name][k]) for k in idx] for name in ('v', 'gsyn_exc', 'gsyn_inh')},
    'brian2_vs_accurate_max_abs_v': float(np.abs(b2['v'][:n] - v_acc[:n]).max()),
    'brian2_vs_accurate_max_abs_v_away3': float(np.abs(b2['v'][:n] - v_acc[:n])[away].max()),
    'accurate_crossings_0mV': crossings(v_acc, DT),
    'brian2_crossings_0mV': b2_cross,
    'brian2_dt0.001_crossings_0mV': crossings(b2_fine['v'], DT / 10),
})
