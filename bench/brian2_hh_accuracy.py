#!/usr/bin/python3
"""How accurately Brian2 integrates a Hodgkin-Huxley cell (Traub and Miles, HH_cond_exp's equations) at dt = 0.1 ms
with exponential Euler, its choice for these equations and what bench/brian2_cobahh.py runs, against NEURON's CVODE
at 1e-11 (test/fixtures/neuron_HH_cond_exp_dc.json: 0.5 nA from 20 to 80 ms, five action potentials). tsnn's
adaptive RKF45 is within 0.0009 mV of the same trace (docs/validation.md). Figures only (docs/performance.md).

    /usr/bin/python3 bench/brian2_hh_accuracy.py
"""
import json
import os
import sys

import numpy as np
from brian2 import NeuronGroup, StateMonitor, defaultclock, mV, ms, nA, nF, prefs, run, start_scope, uS

from brian2_common import TRAUB_GATES

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'test', 'reference', 'pynn_examples'))
from examples_control_common import nest_hh_spikes  # noqa: E402  NEST's spike rule, as the fixtures apply it

prefs.codegen.target = 'numpy'
FIXTURE = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'neuron_HH_cond_exp_dc.json')
EQUATIONS = '''dv/dt = (g_leak*(e_leak-v) - g_na*(m*m*m)*h*(v-e_na) - g_k*(n*n*n*n)*(v-e_k) + I)/C_m : volt
               I = amplitude * int(t >= 20*ms) * int(t < 80*ms) : amp''' + TRAUB_GATES


def trace(fixture, method, dt_ms):
    p = fixture['populations'][1]['parameters']
    start_scope()
    defaultclock.dt = dt_ms * ms
    cell = NeuronGroup(1, EQUATIONS, method=method, namespace=dict(
        g_leak=p['g_leak'] * uS, e_leak=p['e_rev_leak'] * mV, g_na=p['gbar_Na'] * uS, e_na=p['e_rev_Na'] * mV,
        g_k=p['gbar_K'] * uS, e_k=p['e_rev_K'] * mV, C_m=p["cm"] * nF, VT=p['v_offset'] * mV,
        amplitude=fixture['current_sources'][1]['parameters']['amplitude'] * nA))
    cell.v = -65 * mV
    monitor = StateMonitor(cell, 'v', record=0, dt=fixture['dt'] * ms)
    run(fixture['t_stop'] * ms)
    return np.append(monitor.v[0] / mV, np.nan)  # the monitor has no sample at t_stop


if __name__ == '__main__':
    fixture = json.load(open(FIXTURE))
    reference = np.asarray(fixture['results']['supra']['v'])
    print('NEURON (CVODE 1e-11): action potentials at', fixture['results']['supra']['spikes'], 'ms')
    # exponential Euler at dt / 10 checks the equations and the current's timing against the reference; RK4 at
    # dt is the scheme of Brian2's that does the most work per step.
    for method, dt in (('exponential_euler', 0.1), ('exponential_euler', 0.01), ('rk4', 0.1)):
        v = trace(fixture, method, dt)
        n = min(len(v), len(reference)) - 1
        error = np.abs(v[:n] - reference[:n])
        print('%-17s dt = %g ms: max |V - NEURON| = %.3g mV (median %.3g), action potentials at %s ms' % (
            method, dt, np.max(error), np.median(error), nest_hh_spikes(v[:n], fixture['dt'], -63.0)))
