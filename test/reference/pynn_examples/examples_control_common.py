"""Shared helpers of the reference scripts for test/conformance/pynn-examples-control.test.ts (reset_example,
HH_cond_exp2, random_distributions, random_numbers, one_neuron_noise_example, IF_curr_alpha2, IF_curr_exp2).

hh_accurate(): PyNN's HH_cond_exp (pynn-api.md section 2.4, NEST's hh_cond_exp_traub) without synaptic input,
solved accurately with SciPy (DOP853, 8th order, rtol = atol = 1e-10; the same at 1e-12 moves v by less than
1e-5 mV),
with NEST's grid rules: a DC current on [start, stop) drives the integration from t = start on (start and stop
on the grid); the state is sampled every dt; a spike is the first sample k with v_k > v_offset + 30 mV and
v_k < v_(k-1) (the step in which v falls past its peak), after which 2 ms are refractory (NEST's t_ref): the
hh_cond_exp_traub rule tsnn implements."""
import numpy as np
from scipy.integrate import solve_ivp

HH_DEFAULTS = dict(gbar_Na=20.0, gbar_K=6.0, g_leak=0.01, cm=0.2, v_offset=-63.0, e_rev_Na=50.0, e_rev_K=-90.0,
                   e_rev_leak=-65.0, e_rev_E=0.0, e_rev_I=-80.0, tau_syn_E=0.2, tau_syn_I=2.0, i_offset=0.0)
HH_INITIAL = dict(v=-65.0, m=0.0, h=1.0, n=0.0)  # PyNN's initial values (pyNN/standardmodels/cells.py)
RTOL = ATOL = 1e-10


def _rates(u):
    am = 0.32 * (13.0 - u) / (np.exp((13.0 - u) / 4.0) - 1.0)
    bm = 0.28 * (u - 40.0) / (np.exp((u - 40.0) / 5.0) - 1.0)
    ah = 0.128 * np.exp((17.0 - u) / 18.0)
    bh = 4.0 / (1.0 + np.exp((40.0 - u) / 5.0))
    an = 0.032 * (15.0 - u) / (np.exp((15.0 - u) / 5.0) - 1.0)
    bn = 0.5 * np.exp((10.0 - u) / 40.0)
    return am, bm, ah, bh, an, bn


def hh_accurate(params, initial, simtime, dt, pieces, rtol=RTOL, atol=ATOL):
    """v, m, h, n sampled every dt on [0, simtime] (one row per sample) and the spike times (ms).
    `pieces`: [(t0, t1, i_extra_nA)] covering [0, simtime], on the grid; i_extra is added to i_offset."""
    p = dict(HH_DEFAULTS, **params)

    def f(t, y, i_ext):
        v, m, h, n = y
        am, bm, ah, bh, an, bn = _rates(v - p['v_offset'])
        i_ion = (p['g_leak'] * (p['e_rev_leak'] - v) - p['gbar_Na'] * m ** 3 * h * (v - p['e_rev_Na'])
                 - p['gbar_K'] * n ** 4 * (v - p['e_rev_K']))
        return [(i_ion + p['i_offset'] + i_ext) / p['cm'], am * (1 - m) - bm * m, ah * (1 - h) - bh * h,
                an * (1 - n) - bn * n]

    n_steps = int(round(simtime / dt))
    segments = [(int(round(t0 / dt)), int(round(t1 / dt)), i_ext) for t0, t1, i_ext in pieces]
    out = solve_on_grid(f, [initial['v'], initial['m'], initial['h'], initial['n']], n_steps, dt, segments,
                        rtol, atol)
    return out, nest_hh_spikes(out[:, 0], dt, p['v_offset'])


def solve_on_grid(f, y0, n_steps, dt, segments, rtol, atol):
    """y0 carried through `segments` [(k0, k1, arg)] (samples k0..k1, in order) by DOP853, each solved as
    f(t, y, arg) from the state the last one ended in; one row per sample k = 0..n_steps. Empty segments are
    skipped."""
    out = np.empty((n_steps + 1, len(y0)))
    y = list(y0)
    out[0] = y
    for k0, k1, arg in segments:
        if k1 <= k0:
            continue
        grid = np.arange(k0, k1 + 1) * dt
        sol = solve_ivp(f, (grid[0], grid[-1]), y, method='DOP853', t_eval=grid, rtol=rtol, atol=atol, args=(arg,))
        assert sol.success, sol.message
        out[k0:k1 + 1] = sol.y.T
        y = sol.y[:, -1]
    return out


def nest_hh_spikes(v, dt, v_offset):
    """NEST hh_cond_exp_traub's spike rule on samples every dt: the first sample past a peak above v_offset + 30 mV,
    then 2 ms ignored."""
    spikes, refractory_until = [], -1
    for k in range(1, len(v)):
        if k <= refractory_until:
            continue
        if v[k] > v_offset + 30.0 and v[k] < v[k - 1]:
            spikes.append(round(k * dt, 10))
            refractory_until = k + int(round(2.0 / dt))
    return spikes
