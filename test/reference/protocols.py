"""The reference protocols: cell parameters per model and the stimuli of each protocol.

Every fixture has two single-cell populations driven by the same kind of stimulus: 'sub' stays below threshold
(its whole v trace is comparable) and 'supra' fires a few spikes (its spike times are comparable). Values are
chosen away from PyNN defaults so that a parameter that is not passed through shows up as a difference.
Units are PyNN's (ms, mV, nA, nF, uS).
"""

T_STOP = 100.0  # ms

# Each entry: cell parameters, initial values, and per-cell amplitudes/weights for the two cells.
MODELS = {
    'IF_curr_exp': {
        'parameters': dict(cm=0.5, tau_m=15.0, tau_refrac=2.0, tau_syn_E=3.0, tau_syn_I=6.0,
                           v_rest=-65.0, v_reset=-70.0, v_thresh=-52.0, i_offset=0.0),
        'initial_values': {'v': -65.0},
        # rheobase = (v_thresh - v_rest) * cm / tau_m = 13 mV / 30 MOhm = 0.433 nA
        'dc': {'sub': 0.3, 'supra': 0.8},
        'offset': {'sub': 0.35, 'supra': 0.7},
        'weights': {'sub': {'exc': 0.3, 'inh': -0.4}, 'supra': {'exc': 1.5, 'inh': -1.0}},
        'recordables': ['v'],
    },
    'IF_curr_alpha': {
        # tau_syn_E == tau_syn_I: PyNN 0.10.1's Brian2 IF_curr_alpha integrates the inhibitory alpha kernel with
        # tau_syn_E (a bug in its equations), so equal time constants keep the reference correct.
        'parameters': dict(cm=0.5, tau_m=15.0, tau_refrac=2.0, tau_syn_E=2.0, tau_syn_I=2.0,
                           v_rest=-65.0, v_reset=-70.0, v_thresh=-52.0, i_offset=0.0),
        'initial_values': {'v': -65.0},
        'dc': {'sub': 0.3, 'supra': 0.8},
        'offset': {'sub': 0.35, 'supra': 0.7},
        'weights': {'sub': {'exc': 0.3, 'inh': -0.4}, 'supra': {'exc': 1.2, 'inh': -1.0}},
        'recordables': ['v'],
    },
    'IF_curr_delta': {
        'parameters': dict(cm=0.5, tau_m=15.0, tau_refrac=2.0,
                           v_rest=-65.0, v_reset=-70.0, v_thresh=-52.0, i_offset=0.0),
        'initial_values': {'v': -65.0},
        'dc': {'sub': 0.3, 'supra': 0.8},
        'offset': {'sub': 0.35, 'supra': 0.7},
        # weights are voltage jumps in mV. 'supra' crosses only at the 6th input of the 1-ms burst (52.3..57.3 ms):
        # sum of 5 decayed jumps 2.8 * 4.40 = 12.3 mV < 13 mV, of 6 jumps 14.3 mV; so no input arrives while it is
        # refractory (NEST discards such input, PyNN's Brian2 model adds it to the clamped v).
        'weights': {'sub': {'exc': 1.0, 'inh': -1.5}, 'supra': {'exc': 2.8, 'inh': -2.0}},
        'recordables': ['v'],
    },
    'IF_cond_exp': {
        'parameters': dict(cm=0.5, tau_m=15.0, tau_refrac=2.0, tau_syn_E=3.0, tau_syn_I=6.0,
                           e_rev_E=0.0, e_rev_I=-75.0,
                           v_rest=-65.0, v_reset=-70.0, v_thresh=-52.0, i_offset=0.0),
        'initial_values': {'v': -65.0, 'gsyn_exc': 0.0, 'gsyn_inh': 0.0},
        'dc': {'sub': 0.3, 'supra': 0.8},
        'offset': {'sub': 0.35, 'supra': 0.7},
        'weights': {'sub': {'exc': 0.005, 'inh': 0.01}, 'supra': {'exc': 0.03, 'inh': 0.02}},
        'recordables': ['v', 'gsyn_exc', 'gsyn_inh'],
    },
    'IF_cond_alpha': {
        'parameters': dict(cm=0.5, tau_m=15.0, tau_refrac=2.0, tau_syn_E=1.5, tau_syn_I=3.0,
                           e_rev_E=0.0, e_rev_I=-75.0,
                           v_rest=-65.0, v_reset=-70.0, v_thresh=-52.0, i_offset=0.0),
        'initial_values': {'v': -65.0, 'gsyn_exc': 0.0, 'gsyn_inh': 0.0},
        'dc': {'sub': 0.3, 'supra': 0.8},
        'offset': {'sub': 0.35, 'supra': 0.7},
        'weights': {'sub': {'exc': 0.005, 'inh': 0.01}, 'supra': {'exc': 0.03, 'inh': 0.02}},
        'recordables': ['v', 'gsyn_exc', 'gsyn_inh'],
    },
    'Izhikevich': {
        # regular spiking with d = 6 as in PyNN's examples/Izhikevich.py
        'parameters': dict(a=0.02, b=0.2, c=-65.0, d=6.0, i_offset=0.0),
        'initial_values': {'v': -70.0, 'u': -14.0},
        # currents in nA; the model reads them as mV/ms with C = 1 pF (x1000)
        'dc': {'sub': 0.002, 'supra': 0.010},
        'offset': {'sub': 0.002, 'supra': 0.010},
        'weights': {'sub': {'exc': 1.5, 'inh': -2.0}, 'supra': {'exc': 5.0, 'inh': -3.0}},
        'recordables': ['v', 'u'],
    },
}

# Stimulus timings, shared by all models. No value sits on a rounding tie (x.5 steps).
DC_WINDOW = {'start': 20.0, 'stop': 80.0}
# The 40.04 ms step time is off the grid on purpose: PyNN rounds it to 40.0 ms (nearest step).
STEP_TIMES = [10.0, 25.0, 40.04, 60.0, 85.0]
# Multipliers of the model's 'dc' amplitude for each step.
STEP_SCALE = [1.0, -0.5, 1.25, 0.6, 0.0]
SPIKE_TIMES = {
    'exc': [10.0, 12.0, 14.0, 16.0, 18.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 80.0],
    'inh': [30.0, 32.0, 70.0, 90.0],
}
# Delays per target cell and receptor (ms); all multiples of 0.1 ms, so exact on both grids used.
DELAYS = {'sub': {'exc': 1.5, 'inh': 0.7}, 'supra': {'exc': 2.3, 'inh': 1.0}}

PROTOCOL_TEXT = {
    'dc': 'DCSource on [start, stop) into each cell; amplitudes per cell',
    'step': 'StepCurrentSource with times STEP_TIMES (40.04 rounds to 40.0) and per-cell amplitudes',
    'offset': 'constant i_offset from t = 0, no other input',
    'synaptic': ('two SpikeSourceArrays (exc, inh) with known times, OneToOne StaticSynapse projections onto '
                 'each cell, excitatory and inhibitory receptors, per-cell weights and delays'),
}
