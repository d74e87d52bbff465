"""Shared helpers of the reference scripts for test/conformance/pynn-examples-more-cells.test.ts (IF_cond_exp,
IF_cond_alpha, HH_cond_exp, gif_neuron, SpikeSourcePoisson, iaf_sfa_network).

Independent accurate solutions of single conductance-based cells driven by spike arrivals, with NEST's grid rules
(the rules PyNN's reference backend NEST, and tsnn, follow): an input spike at t with delay d is added to the
conductance at sample t + d (so it acts on the integration from t + d on); the state is sampled every dt.

if_cond_accurate(): IF_cond_exp / IF_cond_alpha (pynn-api.md 2.2): conductances in closed form from each arrival
(w·exp(-s) or w·s·exp(1 - s), s = (t - t_a)/tau), v by SciPy DOP853 (rtol 1e-11) over each step; the threshold
is tested at each sample (v >= v_thresh: a spike at that sample, v = v_reset, then v held at v_reset for
round(tau_refrac/dt) steps while the conductances go on): NEST's iaf_cond_exp/iaf_cond_alpha.

hh_syn_accurate(): HH_cond_exp (NEST hh_cond_exp_traub) with exponential synapses, integrated by DOP853 to 1e-10
between arrivals; NEST's spike rule (the first sample past the peak with v > v_offset + 30 mV, then 2 ms ignored).
"""
import math

import numpy as np
from scipy.integrate import solve_ivp

from examples_control_common import HH_DEFAULTS, _rates, nest_hh_spikes, solve_on_grid


def _arrivals(inputs, dt):
    """inputs: [(spike_times, delay, weight, receptor)] -> {receptor: [(arrival step, weight)]} (sorted)."""
    out = {'excitatory': [], 'inhibitory': []}
    for times, delay, weight, receptor in inputs:
        for t in times:
            out[receptor].append((int(round((t + delay) / dt)), weight))
    for r in out:
        out[r].sort()
    return out


def _g(arr, tau, t, dt, alpha, upto):
    """Conductance at t from the arrivals at steps <= upto (the start of the interval being integrated)."""
    total = 0.0
    for k, w in arr:
        ta = k * dt
        if k > upto:
            break
        s = (t - ta) / tau
        total += w * s * math.exp(1.0 - s) if alpha else w * math.exp(-s)
    return total


def if_cond_accurate(p, v0, inputs, simtime, dt, alpha=False):
    """v at every sample (list) and spike times (ms) of one IF_cond_exp/IF_cond_alpha cell."""
    arr = _arrivals(inputs, dt)
    g_leak = p['cm'] / p['tau_m']

    def rhs(t, y, upto):
        ge = _g(arr['excitatory'], p['tau_syn_E'], t, dt, alpha, upto)
        gi = _g(arr['inhibitory'], p['tau_syn_I'], t, dt, alpha, upto)
        v = y[0]
        return [(g_leak * (p['v_rest'] - v) + ge * (p['e_rev_E'] - v) + gi * (p['e_rev_I'] - v) + p['i_offset'])
                / p['cm']]

    n = int(round(simtime / dt))
    refractory_steps = int(round(p['tau_refrac'] / dt))
    v, r, vs, spikes = v0, 0, [v0], []
    for k in range(1, n + 1):
        if r > 0:
            r -= 1
            v = p['v_reset']
        else:
            sol = solve_ivp(rhs, ((k - 1) * dt, k * dt), [v], method='DOP853', rtol=1e-11, atol=1e-11,
                            args=(k - 1,))
            v = float(sol.y[0, -1])
            if v >= p['v_thresh']:
                spikes.append(round(k * dt, 10))
                v, r = p['v_reset'], refractory_steps
        vs.append(v)
    return vs, spikes


def hh_syn_accurate(params, initial, inputs, simtime, dt, rtol=1e-10, atol=1e-10):
    """v at every sample (numpy array) and spike times (ms) of one HH_cond_exp cell with exponential synapses."""
    p = dict(HH_DEFAULTS, **params)
    arr = _arrivals(inputs, dt)

    def f(t, y, upto):
        v, m, h, n = y
        am, bm, ah, bh, an, bn = _rates(v - p['v_offset'])
        ge = _g(arr['excitatory'], p['tau_syn_E'], t, dt, False, upto)
        gi = _g(arr['inhibitory'], p['tau_syn_I'], t, dt, False, upto)
        i_ion = (p['g_leak'] * (p['e_rev_leak'] - v) - p['gbar_Na'] * m ** 3 * h * (v - p['e_rev_Na'])
                 - p['gbar_K'] * n ** 4 * (v - p['e_rev_K']) + ge * (p['e_rev_E'] - v) + gi * (p['e_rev_I'] - v))
        return [(i_ion + p['i_offset']) / p['cm'], am * (1 - m) - bm * m, ah * (1 - h) - bh * h,
                an * (1 - n) - bn * n]

    n_steps = int(round(simtime / dt))
    breaks = sorted({k for r in arr.values() for k, _ in r if 0 < k < n_steps} | {0, n_steps})
    out = solve_on_grid(f, [initial['v'], initial['m'], initial['h'], initial['n']], n_steps, dt,
                        [(k0, k1, k0) for k0, k1 in zip(breaks[:-1], breaks[1:])], rtol, atol)
    v = out[:, 0]
    return v, nest_hh_spikes(v, dt, p['v_offset'])


def if_cond_example(model_name):
    """PyNN examples IF_cond_exp.py / IF_cond_alpha.py on PyNN 0.10.1 + Brian2, and their accurate solution."""
    import pyNN.brian2 as sim
    from examples_cells_common import spikes_of, write_fixture, brian2_tau_refrac, brian2_source_times
    dt, simtime = 0.1, 200.0
    params = {'i_offset': 0.1, 'tau_refrac': 3.0, 'v_thresh': -51.0, 'tau_syn_E': 2.0, 'tau_syn_I': 5.0,
              'v_reset': -70.0, 'e_rev_E': 0., 'e_rev_I': -80.}
    exc_times = [float(i) for i in range(5, 105, 10)]
    inh_times = [float(i) for i in range(155, 255, 10)]
    weights = {'excitatory': 0.006, 'inhibitory': 0.02}
    delays = {'excitatory': 2.0, 'inhibitory': 4.0}
    celltype = getattr(sim, model_name)
    sim.setup(timestep=dt, min_delay=0.1, max_delay=4.0)   # dt = Brian2's defaultclock.dt, on which PyNN 0.10.1
    # makes SpikeGeneratorGroups: no need to set it here (HH_cond_exp_brian2.py, at dt 0.01, does)
    ifcell = sim.create(celltype(**dict(params, tau_refrac=brian2_tau_refrac(params['tau_refrac'], dt))))
    src_e = sim.create(sim.SpikeSourceArray(spike_times=brian2_source_times(exc_times, dt)))
    src_i = sim.create(sim.SpikeSourceArray(spike_times=brian2_source_times(inh_times, dt)))
    sim.connect(src_e, ifcell, weight=weights['excitatory'], receptor_type='excitatory', delay=delays['excitatory'])
    sim.connect(src_i, ifcell, weight=weights['inhibitory'], receptor_type='inhibitory', delay=delays['inhibitory'])
    ifcell.record(['v', 'gsyn_exc', 'gsyn_inh', 'spikes'])
    sim.run(simtime)
    seg = ifcell.get_data().segments[0]
    b2 = {name: np.asarray(seg.filter(name=name)[0].magnitude)[:, 0] for name in ('v', 'gsyn_exc', 'gsyn_inh')}
    b2_spikes = spikes_of(seg, dt)[0]
    sim.end()

    full = dict(celltype.default_parameters, **params)
    alpha = model_name == 'IF_cond_alpha'
    inputs = [(exc_times, delays['excitatory'], weights['excitatory'], 'excitatory'),
              (inh_times, delays['inhibitory'], weights['inhibitory'], 'inhibitory')]
    v_acc, spikes_acc = if_cond_accurate(full, full['v_rest'], inputs, simtime, dt, alpha)
    # conductances in closed form at the samples (what NEST records: arrivals at a sample included)
    arr = _arrivals(inputs, dt)
    sample_times = [round(1.0 * k, 10) for k in range(int(simtime) + 1)]
    idx = [int(round(t / dt)) for t in sample_times]
    g_acc = {name: [_g(arr[r], full[tau], k * dt, dt, alpha, k) for k in idx]
             for name, r, tau in (('gsyn_exc', 'excitatory', 'tau_syn_E'), ('gsyn_inh', 'inhibitory', 'tau_syn_I'))}
    n = min(len(b2['v']), len(v_acc))
    write_fixture(model_name, {
        'dt': dt, 'simtime': simtime, 'params': params, 'exc_times': exc_times, 'inh_times': inh_times,
        'weights': weights, 'delays': delays, 'sample_times': sample_times,
        'accurate': {'v': [v_acc[k] for k in idx], 'spikes': spikes_acc, **g_acc,
                     'method': 'closed-form conductances, v by SciPy DOP853 (rtol = atol = 1e-11) over each step, '
                               'NEST grid rules (threshold at samples, v held at v_reset for tau_refrac)'},
        'brian2': {'v': [float(b2['v'][k]) for k in idx], 'spikes': b2_spikes,
                   'gsyn_exc': [float(b2['gsyn_exc'][k]) for k in idx],
                   'gsyn_inh': [float(b2['gsyn_inh'][k]) for k in idx]},
        'brian2_vs_accurate_max_abs_v': float(np.abs(b2['v'][:n] - np.asarray(v_acc[:n])).max()),
    })
