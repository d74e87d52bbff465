#!/usr/bin/python3
"""A third opinion for the conductance fixtures: IF_cond_exp under the synaptic protocol solved to 1e-11 with
SciPy (exact exponential conductances, adaptive RK45 for v), with the NEST/PyNN grid rules: an input spike at t with
delay d enters g at t + d; a spike is the first sample at or after the threshold crossing; v is held at v_reset
from that sample for tau_refrac. Brian2's forward Euler cannot resolve slow crossings to the step; this can.

/usr/bin/python3 test/reference/accurate_cond_exp.py IF_cond_exp_synaptic IF_cond_exp_synaptic_dt0.01
prints, per fixture and cell, the accurate spike times next to the fixture's (Brian2) ones.
"""
import json
import os
import sys

import numpy as np
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))


def accurate_spikes(fixture, label):
    dt = fixture['dt']
    population = next(c for c in fixture['populations'] if c['label'] == label)
    p = population['parameters']
    sources = {s['label']: s['spike_times'] for s in fixture['spike_sources']}
    events = sorted((round(t + pr['delay'], 10), pr['receptor_type'], pr['weight'])
                    for pr in fixture['projections'] if pr['post'] == label for t in sources[pr['pre']])
    tau = {'excitatory': p['tau_syn_E'], 'inhibitory': p['tau_syn_I']}
    g_leak = p['cm'] / p['tau_m']

    def g(t, receptor):
        return sum(w * np.exp(-(t - ta) / tau[receptor]) for ta, r, w in events if r == receptor and ta <= t)

    def rhs(t, y):
        ge, gi = g(t, 'excitatory'), g(t, 'inhibitory')
        return [(g_leak * (p['v_rest'] - y[0]) + ge * (p['e_rev_E'] - y[0]) + gi * (p['e_rev_I'] - y[0])) / p['cm']]

    def crossing(t, y):
        return y[0] - p['v_thresh']
    crossing.terminal, crossing.direction = True, 1
    breaks = sorted(set(e[0] for e in events) | {fixture['t_stop']})
    t, v, spikes = 0.0, population['initial_values']['v'], []
    while t < fixture['t_stop'] - 1e-12:
        stop = next(b for b in breaks + [fixture['t_stop']] if b > t + 1e-12)
        sol = solve_ivp(rhs, (t, stop), [v], events=crossing, rtol=1e-11, atol=1e-11, max_step=dt)
        if sol.t_events[0].size:
            on_grid = np.ceil(sol.t_events[0][0] / dt - 1e-9) * dt
            spikes.append(round(float(on_grid), 10))
            t, v = on_grid + p['tau_refrac'], p['v_reset']
        else:
            t, v = stop, float(sol.y[0][-1])
    return spikes


if __name__ == '__main__':
    for name in sys.argv[1:] or ['IF_cond_exp_synaptic', 'IF_cond_exp_synaptic_dt0.01']:
        fixture = json.load(open(os.path.join(HERE, '..', 'fixtures', name + '.json')))
        for label in ('sub', 'supra'):
            print(f"{name} {label}: accurate {accurate_spikes(fixture, label)}  "
                  f"Brian2 {fixture['results'][label]['spikes']}")
