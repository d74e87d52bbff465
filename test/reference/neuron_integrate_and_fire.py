#!/usr/bin/python3
"""Reference fixtures for the integrate-and-fire models that have none (or none under synaptic input) from Brian2,
with PyNN 0.10.1 on NEURON 8.2.2: IF_cond_exp_gsfa_grr (PyNN's Brian2 backend runs alpha-shaped synapses for it,
see cells2_generate_fixtures.py), IF_facets_hardware1 (IF_cond_exp with cm = 0.2 nF, tau_refrac = 1 ms,
e_rev_E = 0 fixed by the model), EIF_cond_alpha_isfa_ista (Brian2 gives it exponential synapses) and
GIF_cond_exp (its deterministic membrane only: escape rate made negligible, see MODELS). A DC step and synaptic
input, two cells each.

Run from the repository root:  /usr/bin/python3 test/reference/neuron_integrate_and_fire.py [name-filter]
It compiles PyNN's NMODL mechanisms first if needed (neuron_mechanisms.py: a copy under /tmp, nrnivmodl).

NEURON runs its fixed-step implicit Euler at a fine step, 0.001 ms (CVODE fails on these models' reset events:
't + h = t' at every spike, and at 1e-11 it aborts), and v is read every 0.1 ms. The same run at 0.002 ms gives
the error estimate (implicit Euler is first order: the 0.001 ms run's error is about |v(0.002) - v(0.001)|),
stored as neuron_error_estimate_mV. NEURON finds the threshold crossing t* within 0.001 ms and there resets v,
starts the refractory hold and adds q_sfa, q_rr to g_s, g_r (gsfa_grr.mod, reset.mod). NEST and tsnn do all of
that at the first sample at or after t*. So:
 - v is compared where no spike has happened yet: the whole 'sub' trace, 'supra' until 1 ms before its first
   spike. The same equations by one RK4 step per dt with exact conductances (the scheme tsnn states in
   core/include/tsnn/models/gsfa_grr_update.h, written here from the equations) measure what that scheme costs;
   v tolerance = 1.5 x that + 1.5 x NEURON's error estimate + 0.005 mV (float32 recording), at least 0.01 mV.
 - spikes: 'spikes' are NEURON's continuous t*. A grid simulator's spike is the sample after t*: within one
   step after it for the first spike. Under synaptic drive only that and the number of spikes are compared: how
   far a reset up to one step late moves a later crossing depends on the input still arriving, and a slow
   crossing multiplies it (see test/conformance/neuron-spike-rules.ts). Under DC the whole post-spike trajectory is NEURON's, delayed by the
   rounding of the previous crossing, so each inter-spike interval is within one step of NEURON's (differences
   in rounding of the two spikes bounding it), while the rounding delays add up in the absolute times.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import neuron_mechanisms
from protocols import T_STOP, DC_WINDOW, SPIKE_TIMES, DELAYS as PROTOCOL_DELAYS, PROTOCOL_TEXT

sim = neuron_mechanisms.load()
from neuron import h
import neuron
import pyNN

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, '..', 'fixtures'))
DT = 0.1
CELLS = ('sub', 'supra')  # unless a model names its own
# Parameters away from the defaults (so that one not passed through shows); 'membrane' gives what the subthreshold
# RK4 needs in PyNN units (cm nF, g_leak uS, and the fixed values of IF_facets_hardware1).
MODELS = {
    'IF_cond_exp_gsfa_grr': {
        # gL = cm / tau_m = 0.025 uS; rheobase without adaptation gL (v_thresh - v_rest) = 0.325 nA
        'parameters': dict(cm=0.25, tau_m=10.0, v_rest=-65.0, v_reset=-68.0, v_thresh=-52.0, tau_refrac=2.0,
                           tau_syn_E=3.0, tau_syn_I=6.0, e_rev_E=0.0, e_rev_I=-75.0, i_offset=0.0, tau_sfa=80.0,
                           e_rev_sfa=-72.0, q_sfa=20.0, tau_rr=2.5, e_rev_rr=-78.0, q_rr=1500.0),
        'initial_values': {'v': -65.0, 'g_s': 0.0, 'g_r': 0.0},
        'membrane': lambda p: dict(cm=p['cm'], g_leak=p['cm'] / p['tau_m'], e_rev_E=p['e_rev_E'], i_offset=p['i_offset']),
        'dc': {'sub': 0.25, 'supra': 1.0},
        'weights': {'sub': {'exc': 0.005, 'inh': 0.01}, 'supra': {'exc': 0.03, 'inh': 0.02}},
    },
    'IF_facets_hardware1': {
        # gL = 0.03 uS (tau_m = 0.2 nF / gL = 6.7 ms); rheobase gL (v_thresh - v_rest) = 0.27 nA
        'parameters': dict(g_leak=30.0, tau_syn_E=4.0, tau_syn_I=8.0, v_reset=-75.0, e_rev_I=-78.0, v_rest=-63.0,
                           v_thresh=-54.0),
        'initial_values': {'v': -63.0},
        'membrane': lambda p: dict(cm=0.2, g_leak=p['g_leak'] * 1e-3, e_rev_E=0.0, i_offset=0.0),
        'dc': {'sub': 0.2, 'supra': 0.8},
        'weights': {'sub': {'exc': 0.0015, 'inh': 0.005}, 'supra': {'exc': 0.008, 'inh': 0.01}},
    },
    'EIF_cond_alpha_isfa_ista': {
        # as cells2_generate_fixtures.py (whose Brian2 reference has no synaptic fixture for this model)
        'parameters': dict(cm=0.25, tau_m=10.0, tau_refrac=2.0, v_rest=-70.0, v_reset=-60.0, v_thresh=-50.0,
                           delta_T=2.0, v_spike=-40.0, a=2.0, b=0.05, tau_w=100.0, tau_syn_E=1.5, tau_syn_I=3.0,
                           e_rev_E=0.0, e_rev_I=-75.0, i_offset=0.0),
        'initial_values': {'v': -70.0, 'w': 0.0},
        # tsnn: 10 RK4 substeps per step (core/include/tsnn/models/adex_update.h)
        'membrane': lambda p: dict(cm=p['cm'], g_leak=p['cm'] / p['tau_m'], e_rev_E=p['e_rev_E'],
                                   i_offset=p['i_offset'], substeps=10, alpha=True),
        'dc': {'sub': 0.3, 'supra': 0.8},
        'weights': {'sub': {'exc': 0.005, 'inh': 0.01}, 'supra': {'exc': 0.05, 'inh': 0.02}},
    },
    'GIF_cond_exp': {
        # Escape noise cannot be matched draw by draw: only the deterministic membrane is compared, with the escape
        # rate made negligible. Both cells stay at least 4 mV below v_t_star, where lambda = lambda0 e^{(v - v_t)/
        # delta_v} <= 1e-3 Hz x e^{-8} = 3e-7 Hz: a spike within 100 ms has probability below 1e-10.
        'cells': ('low', 'high'),
        'parameters': dict(v_rest=-62.0, cm=0.3, tau_m=12.0, tau_refrac=3.0, tau_syn_E=3.0, tau_syn_I=6.0,
                           e_rev_E=0.0, e_rev_I=-75.0, v_reset=-66.0, i_offset=0.0, delta_v=0.5, v_t_star=-48.0,
                           lambda0=1e-3, tau_eta=[2.0, 20.0, 150.0], tau_gamma=[3.0, 30.0, 200.0],
                           a_eta=[0.1, 0.05, 0.02], a_gamma=[10.0, 4.0, 1.0]),
        'initial_values': {'v': -62.0},
        'membrane': lambda p: dict(cm=p['cm'], g_leak=p['cm'] / p['tau_m'], e_rev_E=p['e_rev_E'], i_offset=p['i_offset']),
        # gL = 0.025 uS: DC moves v by 0.1 / 0.025 = 4 mV and 0.25 / 0.025 = 10 mV (to -52 mV)
        'dc': {'low': 0.1, 'high': 0.25},
        'weights': {'low': {'exc': 0.003, 'inh': 0.01}, 'high': {'exc': 0.004, 'inh': 0.005}},
        'delays': {'low': {'exc': 1.5, 'inh': 0.7}, 'high': {'exc': 2.3, 'inh': 1.0}},
    },
}
COMPARE_MARGIN_MS = 1.0
FINE_DT = 0.001


def run(model, protocol, step):
    spec = MODELS[model]
    CELLS, DELAYS = spec.get('cells', globals()['CELLS']), spec.get('delays', PROTOCOL_DELAYS)
    PARAMETERS, DC, WEIGHTS = spec['parameters'], spec['dc'], spec['weights']
    sim.setup(timestep=step, min_delay=step)
    cells, vectors, spikes = {}, {}, {}
    for label in CELLS:
        cells[label] = sim.Population(1, getattr(sim, model)(**PARAMETERS),
                                      initial_values={k: x for k, x in spec['initial_values'].items() if k in ('v', 'w')},
                                      label=label)
        cell = cells[label][0]._cell
        vectors[label] = h.Vector()
        vectors[label].record(cell(0.5)._ref_v, DT)
        spikes[label] = h.Vector()
        cell.rec.record(spikes[label])
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
    out = {label: (np.array(vectors[label]), [float(t) for t in spikes[label]]) for label in CELLS}
    sim.end()
    return out


def rk4_subthreshold(model, protocol):
    """v without spikes by classical RK4 with the model's substeps per dt (tsnn's stated scheme, written here from
    the equations), the synaptic conductances exact at every stage (exponential or alpha kernels from each arrival
    sample), g_s = g_r = 0 (nothing has fired), and for the AdEx model the exponential term and w."""
    spec = MODELS[model]
    CELLS, DELAYS = spec.get('cells', globals()['CELLS']), spec.get('delays', PROTOCOL_DELAYS)
    P, DC, WEIGHTS = spec['parameters'], spec['dc'], spec['weights']
    M = spec['membrane'](P)
    substeps = M.get('substeps', 1)
    alpha = M.get('alpha', False)
    n = int(round(T_STOP / DT)) + 1
    s = DT / substeps

    def kernel(x, tau):
        return np.where(x >= 0, (x / tau) * np.exp(1 - x / tau) if alpha else np.exp(-x / tau), 0.0)

    out = {}
    for label in CELLS:
        arrivals = {'exc': [], 'inh': []}
        if protocol == 'synaptic':
            for name in ('exc', 'inh'):
                # an input spike at t with delay d enters the conductance at the sample t + d
                arrivals[name] = [round(t + DELAYS[label][name], 9) for t in SPIKE_TIMES[name]]

        def conductances(t):
            ge = WEIGHTS[label]['exc'] * float(np.sum(kernel(t - np.array(arrivals['exc'] or [np.inf]), P['tau_syn_E'])))
            gi = WEIGHTS[label]['inh'] * float(np.sum(kernel(t - np.array(arrivals['inh'] or [np.inf]), P['tau_syn_I'])))
            return ge, gi

        def f(y, t, current):
            v, w = y
            ge, gi = conductances(t)
            dv = M['g_leak'] * (P['v_rest'] - v) + ge * (M['e_rev_E'] - v) + gi * (P['e_rev_I'] - v) + current
            dw = 0.0
            if 'delta_T' in P:
                dv += M['g_leak'] * P['delta_T'] * np.exp((min(v, P['v_spike']) - P['v_thresh']) / P['delta_T']) - w
                dw = (P['a'] * 1e-3 * (v - P['v_rest']) - w) / P['tau_w']
            return np.array([dv / M['cm'], dw])

        y = np.array([spec['initial_values']['v'], spec['initial_values'].get('w', 0.0)])
        trace = [y[0]]
        for k in range(n - 1):
            t0 = k * DT
            current = M['i_offset'] + (DC[label] if protocol == 'dc' and DC_WINDOW['start'] <= t0 + 1e-9 < DC_WINDOW['stop'] else 0.0)
            for j in range(substeps):
                # stage times just inside the step: an arrival at the step's end enters after it
                t = t0 + j * s + 1e-12
                k1 = f(y, t, current)
                k2 = f(y + s / 2 * k1, t + s / 2, current)
                k3 = f(y + s / 2 * k2, t + s / 2, current)
                k4 = f(y + s * k3, t + s - 2e-12, current)
                y = y + s / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            trace.append(y[0])
        out[label] = np.array(trace)
    return out


def make(model, protocol):
    spec = MODELS[model]
    CELLS, DELAYS = spec.get('cells', globals()['CELLS']), spec.get('delays', PROTOCOL_DELAYS)
    PARAMETERS, INITIAL, DC, WEIGHTS = spec['parameters'], spec['initial_values'], spec['dc'], spec['weights']
    reference = run(model, protocol, FINE_DT)
    coarser = run(model, protocol, 2 * FINE_DT)
    rk4 = rk4_subthreshold(model, protocol)
    n = int(round(T_STOP / DT)) + 1
    until = {label: (reference[label][1][0] - COMPARE_MARGIN_MS) if reference[label][1] else T_STOP for label in CELLS}
    m = {label: int(np.floor(until[label] / DT + 1e-9)) + 1 for label in CELLS}
    neuron_error = {label: float(np.max(np.abs(reference[label][0][:m[label]] - coarser[label][0][:m[label]])))
                   for label in CELLS}
    rk4_error = {label: float(np.max(np.abs(reference[label][0][:m[label]] - rk4[label][:m[label]]))) for label in CELLS}
    v_tol = round(max(0.01, 1.5 * max(rk4_error.values()) + 1.5 * max(neuron_error.values()) + 0.005), 3)
    spike_shift = {label: float(np.max(np.abs(np.array(reference[label][1]) - np.array(coarser[label][1]))))
                   if reference[label][1] else 0.0 for label in CELLS}
    results = {label: {'spikes': [round(t, 6) for t in reference[label][1]],
                       'v': [round(float(x), 6) for x in reference[label][0][:n]]} for label in CELLS}
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
        'name': f'neuron_{model}_{protocol}',
        'generator': 'test/reference/neuron_integrate_and_fire.py',
        'pynn_version': pyNN.__version__,
        'neuron_version': neuron.__version__,
        'model': model,
        'protocol': protocol,
        'description': PROTOCOL_TEXT[protocol],
        'dt': DT,
        't_stop': T_STOP,
        'n_samples': n,
        'times': [round(k * DT, 6) for k in range(n)],
        'populations': [{'label': label, 'size': 1, 'cell_type': model, 'parameters': PARAMETERS,
                         'initial_values': INITIAL} for label in CELLS],
        'spike_sources': spike_sources,
        'projections': projections,
        'current_sources': current_sources,
        'recorded': ['spikes', 'v'],
        'results': results,
        'tolerance': {
            'v_mV': v_tol,
            'v_compare_until_ms': {label: round(until[label], 6) for label in CELLS},
            'v_compare_margin_ms': COMPARE_MARGIN_MS,
            'spike_time_steps': 1,
            'spike_rule': ('intervals_within_one_step' if protocol == 'dc' else 'first_spike_and_count'),
            'reason': ('v: 1.5 x (one RK4 step per dt vs reference) + 1.5 x NEURON error estimate + 0.005 mV, before '
                       'the first spike. Spikes: NEURON resets at the continuous crossing t*, a grid simulator at '
                       'the next sample: first spike in [t*, t* + 1 step]; under DC every inter-spike interval within '
                       '1 step of NEURON\'s; under synaptic drive the same number of spikes (later spike times are not '
                       'compared, see the generator), all +- the dt vs 2 dt spike-time shift of the reference.'),
        },
        'neuron': {'integration': f'fixed-step implicit Euler, dt = {FINE_DT} ms, v read every {DT} ms',
                   'neuron_error_estimate_mV': neuron_error,
                   'spike_time_shift_dt_vs_2dt_ms': spike_shift,
                   'rk4_dt_vs_reference_mV': rk4_error},
    }
    path = os.path.join(FIXTURES, fixture['name'] + '.json')
    with open(path, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    print(fixture['name'], {label: results[label]['spikes'] for label in CELLS}, 'neuron error', neuron_error, 'spike shift', spike_shift, 'rk4',
          rk4_error, 'v_tol', v_tol, 'until', until)


if __name__ == '__main__':
    pattern = sys.argv[1] if len(sys.argv) > 1 else ''
    for model in MODELS:
        for protocol in ('dc', 'synaptic'):
            if pattern in f'{model}_{protocol}':
                make(model, protocol)
