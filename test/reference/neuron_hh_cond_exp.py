#!/usr/bin/python3
"""Reference fixtures for HH_cond_exp with PyNN 0.10.1 on NEURON 8.2.2 (PyNN's Brian2 backend cannot run this
model, see cells2_generate_fixtures.py): a DC step and synaptic input, two cells each ('sub', 'supra').

Run from the repository root:  /usr/bin/python3 test/reference/neuron_hh_cond_exp.py
It compiles PyNN's NMODL mechanisms first if needed (neuron_mechanisms.py: a copy under /tmp, nrnivmodl).

How the reference is made accurate, and put in the NEST convention tsnn follows:
 - NEURON runs with CVODE (variable step, rtol = atol = 1e-9), not its fixed-step implicit Euler: v is read at
   every 0.1 ms (Vector.record with Dt) and is the model's trajectory within CVODE's error. The same run with
   1e-11 gives the estimate of that error, stored in the fixture.
 - hh_traub.mod tabulates its rate functions on a 1 mV grid with linear interpolation (TABLE ... WITH 200); the
   tables are switched off (usetable_hh_traub = 0) so that the exact rate functions of pynn-api.md §2.4 are used.
 - hh_traub.mod's INITIAL sets m = h = n = 0 whatever PyNN's initial values say; the fixture therefore states
   h = m = n = 0 as initial values (PyNN's default h = 1 would not reach NEURON).
 - NEURON reports a spike at the upward crossing of +10 mV (SingleCompartmentTraub.get_threshold); NEST and tsnn
   report it at the first sample past the peak with v >= v_offset + 30 mV, then ignore 2 ms. The fixture's spike
   times are that rule applied to the reference v samples.
 - A DCSource on [20, 80) drives the integration from t = 20 on; a spike at t with delay d reaches the synapse at
   t + d: in continuous time, as the NEST convention has it on the grid.
The tolerance: see TOLERANCE_TEXT below.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import neuron_mechanisms
from protocols import T_STOP, DC_WINDOW, SPIKE_TIMES, DELAYS, PROTOCOL_TEXT

sim = neuron_mechanisms.load()
from neuron import h
import neuron
import pyNN

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, '..', 'fixtures'))
DT = 0.1
CELLS = ('sub', 'supra')
MODEL = 'HH_cond_exp'
# Defaults of pynn-api.md except the synaptic time constants and leak reversal (so that one not passed shows).
PARAMETERS = dict(gbar_Na=20.0, gbar_K=6.0, g_leak=0.01, cm=0.2, v_offset=-63.0, e_rev_Na=50.0, e_rev_K=-90.0,
                  e_rev_leak=-65.0, e_rev_E=0.0, e_rev_I=-80.0, tau_syn_E=1.0, tau_syn_I=3.0, i_offset=0.0)
INITIAL = {'v': -65.0, 'm': 0.0, 'h': 0.0, 'n': 0.0}
DC = {'sub': 0.02, 'supra': 0.5}
WEIGHTS = {'sub': {'exc': 0.002, 'inh': 0.005}, 'supra': {'exc': 0.02, 'inh': 0.01}}
SPIKE_THRESHOLD_ABOVE_OFFSET = 30.0  # mV, NEST hh_cond_exp_traub
REFRACTORY_MS = 2.0
TOLERANCE_TEXT = (
    'v compared over the whole run (HH has no reset). The reference is CVODE at rtol = atol = 1e-11 (its error is '
    'below |v(1e-9) - v(1e-11)|, stored as cvode_error_bound_mV). The yardstick is classical RK4 at dt/10 (tsnn\'s '
    'scheme until it took NEST\'s adaptive RKF45, which comes closer): written in the generator from the equations, '
    'it differs from the reference by rk4_dt_over_10_vs_reference_mV (largest on the action potential upstroke, '
    'where dv/dt is hundreds of mV/ms); v tolerance = 1.5 x that + 0.005 mV (float32 recording), at least 0.01 mV. '
    'Spike times (peak samples) '
    'within 1 step: a peak between two samples may be found on either side.')


def run(protocol, tol):
    sim.setup(timestep=DT, min_delay=DT, use_cvode=True, rtol=tol, atol=tol)
    h.usetable_hh_traub = 0
    cells, vectors = {}, {}
    for label in CELLS:
        cells[label] = sim.Population(1, sim.HH_cond_exp(**PARAMETERS), initial_values=INITIAL, label=label)
        vectors[label] = h.Vector()
        vectors[label].record(cells[label][0]._cell(0.5)._ref_v, DT)
    if protocol == 'dc':
        for label in CELLS:
            sim.DCSource(amplitude=DC[label], **DC_WINDOW).inject_into(cells[label])
    else:
        sources = {name: sim.Population(1, sim.SpikeSourceArray(spike_times=times), label=name)
                   for name, times in SPIKE_TIMES.items()}
        for label in CELLS:
            for name, receptor in (('exc', 'excitatory'), ('inh', 'inhibitory')):
                sim.Projection(sources[name], cells[label], sim.OneToOneConnector(),
                               sim.StaticSynapse(weight=WEIGHTS[label][name], delay=DELAYS[label][name]),
                               receptor_type=receptor)
    sim.run(T_STOP)
    out = {label: np.array(vectors[label]) for label in CELLS}
    sim.end()
    return out


def rk4_trajectory(protocol, substeps=10):
    """The same equations (pynn-api.md §2.4) by classical RK4 with dt/substeps, synaptic conductances decaying
    exactly: the scheme tsnn states for this model (core/include/tsnn/models/hh_update.h), written here from the
    equations, so its distance to the CVODE reference measures what that scheme's step size costs."""
    P = PARAMETERS
    n = int(round(T_STOP / DT)) + 1
    s = DT / substeps
    arrivals = {label: {} for label in CELLS}
    if protocol == 'synaptic':
        for label in CELLS:
            for name, kind in (('exc', 0), ('inh', 1)):
                for t in SPIKE_TIMES[name]:
                    k = int(round((t + DELAYS[label][name]) / DT))
                    arrivals[label].setdefault(k, [0.0, 0.0])[kind] += WEIGHTS[label][name]

    def shape(x, k):
        return k if x == 0.0 else x / np.expm1(x / k)

    def deriv(v, m, hh, nn, ge, gi, current):
        u = v - P['v_offset']
        an, bn = 0.032 * shape(15.0 - u, 5.0), 0.5 * np.exp((10.0 - u) / 40.0)
        am, bm = 0.32 * shape(13.0 - u, 4.0), 0.28 * shape(u - 40.0, 5.0)
        ah, bh = 0.128 * np.exp((17.0 - u) / 18.0), 4.0 / (1.0 + np.exp((40.0 - u) / 5.0))
        i_ion = (P['gbar_Na'] * m ** 3 * hh * (v - P['e_rev_Na']) + P['gbar_K'] * nn ** 4 * (v - P['e_rev_K'])
                 + P['g_leak'] * (v - P['e_rev_leak']) + ge * (v - P['e_rev_E']) + gi * (v - P['e_rev_I']))
        return np.array([(current - i_ion) / P['cm'], am - (am + bm) * m, ah - (ah + bh) * hh, an - (an + bn) * nn])

    out = {}
    for label in CELLS:
        y = np.array([INITIAL['v'], INITIAL['m'], INITIAL['h'], INITIAL['n']])
        ge = gi = 0.0
        v = [y[0]]
        for k in range(n - 1):
            t = k * DT
            current = P['i_offset'] + (DC[label] if protocol == 'dc' and DC_WINDOW['start'] <= t + 1e-9 < DC_WINDOW['stop'] else 0.0)
            for _ in range(substeps):
                half = (ge * np.exp(-s / 2 / P['tau_syn_E']), gi * np.exp(-s / 2 / P['tau_syn_I']))
                full = (ge * np.exp(-s / P['tau_syn_E']), gi * np.exp(-s / P['tau_syn_I']))
                k1 = deriv(*y, ge, gi, current)
                k2 = deriv(*(y + s / 2 * k1), *half, current)
                k3 = deriv(*(y + s / 2 * k2), *half, current)
                k4 = deriv(*(y + s * k3), *full, current)
                y = y + s / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
                ge, gi = full
            jump = arrivals[label].get(k + 1, [0.0, 0.0])
            ge += jump[0]
            gi += jump[1]
            v.append(y[0])
        out[label] = np.array(v)
    return out


def nest_spike_times(v):
    """NEST hh_cond_exp_traub's rule on the samples: past the peak, above v_offset + 30 mV, not refractory."""
    threshold = PARAMETERS['v_offset'] + SPIKE_THRESHOLD_ABOVE_OFFSET
    refractory_steps = int(round(REFRACTORY_MS / DT))
    spikes, quiet_until = [], -1
    for k in range(1, len(v)):
        if k <= quiet_until:
            continue
        if v[k] >= threshold and v[k - 1] > v[k]:
            spikes.append(round(k * DT, 6))
            quiet_until = k + refractory_steps
    return spikes


def make(protocol):
    reference = run(protocol, 1e-11)
    coarser = run(protocol, 1e-9)
    n = int(round(T_STOP / DT)) + 1
    cvode_error = {label: float(np.max(np.abs(reference[label][:n] - coarser[label][:n]))) for label in CELLS}
    rk4 = rk4_trajectory(protocol)
    rk4_error = {label: float(np.max(np.abs(rk4[label] - reference[label][:n]))) for label in CELLS}
    v_tol = round(max(0.01, 1.5 * max(rk4_error.values()) + 0.005), 3)
    results = {label: {'spikes': nest_spike_times(reference[label][:n]),
                       'v': [round(float(x), 6) for x in reference[label][:n]]} for label in CELLS}
    current_sources, spike_sources, projections = [], [], []
    if protocol == 'dc':
        current_sources = [{'type': 'DCSource', 'inject_into': label,
                            'parameters': dict(amplitude=DC[label], **DC_WINDOW)} for label in CELLS]
    else:
        spike_sources = [{'label': name, 'size': 1, 'spike_times': times} for name, times in SPIKE_TIMES.items()]
        projections = [{'pre': name, 'post': label, 'connector': 'OneToOneConnector', 'synapse': 'StaticSynapse',
                        'weight': WEIGHTS[label][name], 'delay': DELAYS[label][name], 'receptor_type': receptor}
                       for label in CELLS for name, receptor in (('exc', 'excitatory'), ('inh', 'inhibitory'))]
    fixture = {
        'name': f'neuron_{MODEL}_{protocol}',
        'generator': 'test/reference/neuron_hh_cond_exp.py',
        'pynn_version': pyNN.__version__,
        'neuron_version': neuron.__version__,
        'model': MODEL,
        'protocol': protocol,
        'description': PROTOCOL_TEXT[protocol],
        'dt': DT,
        't_stop': T_STOP,
        'n_samples': n,
        'times': [round(k * DT, 6) for k in range(n)],
        'populations': [{'label': label, 'size': 1, 'cell_type': MODEL, 'parameters': PARAMETERS,
                         'initial_values': INITIAL} for label in CELLS],
        'spike_sources': spike_sources,
        'projections': projections,
        'current_sources': current_sources,
        'recorded': ['spikes', 'v'],
        'results': results,
        'tolerance': {'v_mV': v_tol, 'spike_time_steps': 1, 'v_compare_margin_ms': 0.0,
                      'v_compare_until_ms': {label: T_STOP for label in CELLS}, 'reason': TOLERANCE_TEXT},
        'neuron': {'integration': 'CVODE rtol = atol = 1e-11, rate tables off (usetable_hh_traub = 0)',
                   'cvode_error_bound_mV': cvode_error,
                   'rk4_dt_over_10_vs_reference_mV': rk4_error,
                   'spike_rule': 'NEST: first sample past the peak with v >= v_offset + 30 mV, then 2 ms ignored'},
    }
    path = os.path.join(FIXTURES, fixture['name'] + '.json')
    with open(path, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    print(fixture['name'], {label: results[label]['spikes'] for label in CELLS}, 'cvode error', cvode_error, 'rk4', rk4_error, 'v_tol', v_tol)


if __name__ == '__main__':
    for protocol in ('dc', 'synaptic'):
        make(protocol)
