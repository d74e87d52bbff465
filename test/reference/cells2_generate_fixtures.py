#!/usr/bin/python3
"""Reference fixtures for the adaptive models of the second core part, with PyNN 0.10.1 on Brian2 2.5.1:
EIF_cond_exp_isfa_ista and EIF_cond_alpha_isfa_ista under a DC step and under synaptic input.

Not generated, because PyNN 0.10.1's Brian2 backend does not run them as NEST/PyNN define them:
 - HH_cond_exp: its threshold 'v > -40 mV' has no refractory period, so one action potential is recorded as a spike
   on every step it spends above -40 mV (24.7, 24.8, 24.9, 25.0 ms ...), and Brian2's forward Euler on the gating
   equations diverges (NaN) at dt = 0.1 ms under synaptic input.
 - EIF_cond_alpha_isfa_ista under synaptic input: its post_synaptic_variables are {'excitatory': 'ge', ...}, so a
   weight jumps the conductance itself instead of the alpha kernel's rising state ye (IF_cond_alpha uses 'ye'):
   Brian2 runs exponential synapses there. Its DC fixture (no synapses) is generated.
 - IF_cond_exp_gsfa_grr: its equations use alpha-shaped synapses (conductance_based_alpha_synapses) where the model
   has exponential ones, and freeze g_s and g_r while refractory; its cell fires every tau_refrac + dt whatever q_rr. Reuses generate_fixtures.py (protocols, Brian2 timing adjustments, dt vs dt/10 error
estimate, tolerances) and writes test/fixtures/cells2_<model>_<protocol>.json.

Run from the repository root:  /usr/bin/python3 test/reference/cells2_generate_fixtures.py [name-filter] [--missing]

PyNN's Brian2 AdaptiveNeuronGroup integrates these models with fixed-step rk2 (midpoint) and detects a spike at
v > v_thresh + 5·delta_T (v_spike = -40 mV = -50 + 5·2 here, so both rules agree), NEST with adaptive RKF45 and tsnn with RK4 substeps: the references carry
Brian2's discretisation error, estimated by running again at dt/10; the tolerances of generate_fixtures.py
(1.5 x that estimate + 0.01 mV for v, spike times within the steps that estimate and the crossing slope allow)
follow from it.
"""
import json
import os
import sys

import protocols
import generate_fixtures as gen

# Per model: parameters away from the defaults (so that one not passed through shows), two cells ('sub' stays below
# threshold, 'supra' fires), amplitudes for the DC step and weights for the synaptic protocol.
CELLS2_MODELS = {
    'EIF_cond_exp_isfa_ista': {
        # gL = cm / tau_m = 0.025 uS; rheobase about gL·(v_thresh - v_rest - delta_T) + a·(...) = 0.49 nA
        'parameters': dict(cm=0.25, tau_m=10.0, tau_refrac=2.0, v_rest=-70.0, v_reset=-60.0, v_thresh=-50.0,
                           delta_T=2.0, v_spike=-40.0, a=2.0, b=0.05, tau_w=100.0, tau_syn_E=3.0, tau_syn_I=6.0,
                           e_rev_E=0.0, e_rev_I=-75.0, i_offset=0.0),
        'initial_values': {'v': -70.0, 'w': 0.0},
        'dc': {'sub': 0.3, 'supra': 0.8},
        'offset': {'sub': 0.3, 'supra': 0.8},
        'weights': {'sub': {'exc': 0.005, 'inh': 0.01}, 'supra': {'exc': 0.05, 'inh': 0.02}},
        'recordables': ['v'],
    },
    'EIF_cond_alpha_isfa_ista': {
        'parameters': dict(cm=0.25, tau_m=10.0, tau_refrac=2.0, v_rest=-70.0, v_reset=-60.0, v_thresh=-50.0,
                           delta_T=2.0, v_spike=-40.0, a=2.0, b=0.05, tau_w=100.0, tau_syn_E=1.5, tau_syn_I=3.0,
                           e_rev_E=0.0, e_rev_I=-75.0, i_offset=0.0),
        'initial_values': {'v': -70.0, 'w': 0.0},
        'dc': {'sub': 0.3, 'supra': 0.8},
        'offset': {'sub': 0.3, 'supra': 0.8},
        'weights': {'sub': {'exc': 0.005, 'inh': 0.01}, 'supra': {'exc': 0.05, 'inh': 0.02}},
        'recordables': ['v'],
    },
}

protocols.MODELS.update(CELLS2_MODELS)  # the same dict generate_fixtures reads
PREFIX = 'cells2_'
BROKEN_IN_BRIAN2 = {('EIF_cond_alpha_isfa_ista', 'synaptic')}  # see the docstring


def describe_brian2_method(fixture):
    """generate_fixtures.py words its tolerance for forward Euler and reads the method from Brian2's log, which
    names none for these groups: PyNN's AdaptiveNeuronGroup passes method='rk2' itself."""
    fixture['brian2']['integration_methods'] = ['rk2']
    fixture['tolerance']['reason'] = (
        "Brian2 (PyNN's AdaptiveNeuronGroup) integrates this model with rk2 at fixed dt, tsnn with RK4 substeps "
        '(close to NEST\'s RKF45): tolerance = 1.5 x (|v_dt - v_dt/10| of Brian2 before the first spike) + 0.01 mV, '
        'at least 0.02 mV; spike times within 1 + 1.5 x the dt vs dt/10 spike-time difference, in steps, per spike '
        'more where the crossing is slow')

if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    pattern = args[0] if args else ''
    missing_only = '--missing' in sys.argv
    for model in CELLS2_MODELS:
        for protocol in ('dc', 'synaptic'):
            if (model, protocol) in BROKEN_IN_BRIAN2:
                continue
            name = f'{model}_{protocol}'
            final = os.path.join(gen.FIXTURES, PREFIX + name + '.json')
            if pattern not in name or (missing_only and os.path.exists(final)):
                continue
            gen.make_fixture(model, protocol, 0.1)
            written = os.path.join(gen.FIXTURES, name + '.json')
            with open(written) as f:
                fixture = json.load(f)
            os.remove(written)
            fixture['name'] = PREFIX + name
            describe_brian2_method(fixture)
            fixture['generator'] = 'test/reference/cells2_generate_fixtures.py'
            with open(final, 'w') as f:
                json.dump(fixture, f, indent=1)
                f.write('\n')
