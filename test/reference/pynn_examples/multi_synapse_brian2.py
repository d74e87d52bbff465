"""PyNN example multi_synapse.py (NeuralEnsemble/PyNN examples/) on PyNN 0.10.1 + Brian2 2.5.1.

Writes test/fixtures/pynn_examples/multi_synapse.json for test/conformance/pynn-examples-stochastic.test.ts.
The example: one PointNeuron(AdExp(tau_m=10, v_rest=-60), AMPA=AlphaPSR(tau_syn=1, e_syn=0),
NMDA=AlphaPSR(tau_syn=20, e_syn=0), GABAA=AlphaPSR(tau_syn=1.5, e_syn=-70), GABAB=AlphaPSR(tau_syn=15,
e_syn=-90)), v starting at -60; sources firing once at 30 (-> AMPA, 0.01 uS), 60 (-> GABAA, 0.1 uS), 90 (-> NMDA,
0.005 uS) and 120 ms (connected to nothing), delay 1.5 ms; 200 ms at dt 0.1 (min_delay 1.0).

PyNN 0.10.1 has no PointNeuron/AdExp/AlphaPSR (added in later PyNN), so the same cell is built from
EIF_cond_alpha_isfa_ista, whose membrane, adaptation and alpha conductances are AdExp's and AlphaPSR's (PyNN's
AdExp defaults are EIF_cond_alpha_isfa_ista's): excitatory = AMPA (tau_syn_E 1) until 75 ms, then NMDA
(tau_syn_E set to 20 between two runs, 75 + 125 ms; on the Brian2 group, as pyNN.brian2 0.10.1's
Population.set() raises); inhibitory = GABAA (e_rev_I -70, tau_syn_I 1.5). At 75 ms the
AMPA conductance of 31.5 ms is 43.5 time constants old (below 1e-16 uS), so the switch changes nothing else;
GABAB receives no input and stays 0. The cell does not fire (checked here), so pyNN.brian2's firing rule does not
matter. Second forced change: pyNN.brian2 0.10.1 gives EIF_cond_alpha_isfa_ista post_synaptic_variables
{'excitatory': 'ge', 'inhibitory': 'gi'}, so a weight jumps the conductance (an exponential synapse; see
test/reference/cells2_generate_fixtures.py); here it is set to the alpha kernel's rising states ye / yi, as
pyNN.brian2's IF_cond_alpha has it, so that the conductance is w (t/tau) e^(1 - t/tau), peaking at w.
Brian2 integrates this group with a fixed-step method: it runs at dt 0.1 (the example's) and at 0.01, and both are
stored, their difference estimating Brian2's own integration error.
Timing: sources fire at t - dt in Brian2 (test/reference/brian2_timing.py); traces stored every 0.1 ms.
    /usr/bin/python3 test/reference/pynn_examples/multi_synapse_brian2.py
"""
import json
import os
import sys

import brian2
import numpy as np
import pyNN.brian2 as sim

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from brian2_timing import brian2_source_times  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'pynn_examples', 'multi_synapse.json')
# pyNN.brian2 0.10.1 has 'ge'/'gi' here (exponential synapses); IF_cond_alpha's 'ye'/'yi' give the alpha kernel.
sim.EIF_cond_alpha_isfa_ista.post_synaptic_variables = {'excitatory': 'ye', 'inhibitory': 'yi'}
INPUTS = [('AMPA', 30.0, 'excitatory', 0.01), ('GABAA', 60.0, 'inhibitory', 0.1), ('NMDA', 90.0, 'excitatory', 0.005)]


def run(dt):
    brian2.defaultclock.dt = dt * brian2.ms  # pyNN.brian2 0.10.1 makes SpikeSourceArrays on Brian2's default clock
    sim.setup(timestep=dt, min_delay=1.0)
    cell = sim.Population(1, sim.EIF_cond_alpha_isfa_ista(tau_m=10.0, v_rest=-60.0, e_rev_E=0.0, tau_syn_E=1.0,
                                                           e_rev_I=-70.0, tau_syn_I=1.5),
                          initial_values={'v': -60.0})
    cell.record(['v', 'w', 'gsyn_exc', 'gsyn_inh', 'spikes'])
    for _, t, receptor, w in INPUTS:
        src = sim.Population(1, sim.SpikeSourceArray(spike_times=brian2_source_times([t], dt)))
        sim.Projection(src, cell, sim.OneToOneConnector(), sim.StaticSynapse(weight=w, delay=1.5), receptor_type=receptor)
    sim.run(75.0)
    cell.brian2_group.tau_syn_e = 20.0 * brian2.ms  # cell.set(tau_syn_E=20) raises in pyNN.brian2 0.10.1 (it sets b)
    sim.run(125.0)
    seg = cell.get_data().segments[0]
    every = int(round(0.1 / dt))
    out = {name: [float(x) for x in seg.filter(name=name)[0].magnitude[::every, 0]] for name in ('v', 'w', 'gsyn_exc', 'gsyn_inh')}
    out['spikes'] = [float(t) for t in seg.spiketrains[0].magnitude]
    sim.end()
    return out


fine = run(0.01)
coarse = run(0.1)
assert not coarse['spikes'] and not fine['spikes'], 'the cell fires'
out = {
    'example': 'NeuralEnsemble/PyNN examples/multi_synapse.py',
    'simulator': 'PyNN 0.10.1 + Brian2 2.5.1 (numpy target)',
    'changes': 'PointNeuron(AdExp, 4 AlphaPSRs) built as EIF_cond_alpha_isfa_ista with tau_syn_E 1 -> 20 at 75 ms '
               '(post_synaptic_variables fixed to ye/yi: alpha synapses); '
               'source at t - dt in Brian2 (NEST schedule); dt 0.1 and 0.01 runs, traces every 0.1 ms',
    'inputs': [{'receptor': r, 'time': t, 'weight': w} for r, t, _, w in INPUTS],
    'dt_0.1': coarse, 'dt_0.01': fine,
}
with open(OUT, 'w') as f:
    json.dump(out, f)
