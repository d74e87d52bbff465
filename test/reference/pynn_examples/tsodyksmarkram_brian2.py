"""PyNN example tsodyksmarkram.py (NeuralEnsemble/PyNN examples/) on PyNN 0.10.1 + Brian2 2.5.1.

Writes test/fixtures/pynn_examples/tsodyksmarkram.json for test/conformance/pynn-examples-synapses.test.ts.
The example unchanged: one source firing at 10, 20, ..., 90 ms; three populations of 3 IF_cond_exp cells
(e_rev_I -75, tau_syn_I 1.2 / 6.7 / 4.3) reached through inhibitory static, depressing (U 0.5, tau_rec 800) and
facilitating (U 0.04, tau_rec 100, tau_facil 1000) synapses, weight 0.01, delay 0.5; 200 ms at dt 0.1.
gsyn_inh and v are stored every 0.5 ms. One forced change: pyNN.brian2 divides by tau_facil (du/dt = -u/tau_facil),
so the depressing synapse's tau_facil 0 raises ZeroDivisionError in Brian2; it runs with tau_facil 1e-6 ms instead
(u decays to 0 between spikes either way, as in NEST's tau_fac = 0). Timing: the source fires at t - dt in Brian2,
which removes Brian2's one-step-late delivery (test/reference/brian2_timing.py), so the traces are sample for sample
on NEST's (and tsnn's) schedule; the intervals between spikes, all TM dynamics depend on, are unchanged.

Also stored, as 'nest_release': the amplitude (weight * u * x) of each of the 9 releases by NEST's tsodyks_synapse
(the model pyNN.nest maps TsodyksMarkramSynapse to, with tau_psc = the cell's tau_syn_I): x + y + z = 1, y decays
into z with tau_psc, z recovers into x with tau_rec, u decays with tau_facil and jumps by U(1 - u) at each spike.
    /usr/bin/python3 test/reference/pynn_examples/tsodyksmarkram_brian2.py
"""
import json
import os

import numpy as np
import pyNN.brian2 as sim

import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from brian2_timing import brian2_source_times  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nest_tsodyks import nest_tsodyks_releases  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'pynn_examples', 'tsodyksmarkram.json')
SPIKES = np.arange(10, 100, 10)
TAU_SYN_I = [1.2, 6.7, 4.3]
SYNAPSES = {
    'static': None,
    'depressing': dict(U=0.5, tau_rec=800.0, tau_facil=0.0),
    'facilitating': dict(U=0.04, tau_rec=100.0, tau_facil=1000.0),
}


sim.setup(quit_on_end=False)
source = sim.Population(1, sim.SpikeSourceArray(spike_times=brian2_source_times(SPIKES, 0.1)))
types = {
    'static': sim.StaticSynapse(weight=0.01, delay=0.5),
    'depressing': sim.TsodyksMarkramSynapse(weight=0.01, delay=0.5, **dict(SYNAPSES['depressing'], tau_facil=1e-6)),
    'facilitating': sim.TsodyksMarkramSynapse(weight=0.01, delay=0.5, **SYNAPSES['facilitating']),
}
pops = {}
for label, syn in types.items():
    pops[label] = sim.Population(3, sim.IF_cond_exp(e_rev_I=-75, tau_syn_I=TAU_SYN_I), label=label)
    pops[label].record(['v', 'gsyn_inh'])
    sim.Projection(source, pops[label], sim.AllToAllConnector(), receptor_type='inhibitory', synapse_type=syn)
sim.run(200.0)

out = {
    'example': 'NeuralEnsemble/PyNN examples/tsodyksmarkram.py',
    'simulator': 'PyNN 0.10.1 + Brian2 2.5.1 (numpy target)',
    'changes': 'depressing tau_facil 1e-6 ms instead of 0 (ZeroDivisionError in pyNN.brian2); source at t - dt in Brian2 (NEST schedule); traces stored every 0.5 ms',
    'dt': 0.1, 'sample_every_ms': 0.5, 'spike_times': [float(t) for t in SPIKES], 'tau_syn_I': TAU_SYN_I,
    'populations': {},
}
for label, p in pops.items():
    seg = p.get_data().segments[0]
    g = seg.filter(name='gsyn_inh')[0].magnitude[::5]
    v = seg.filter(name='v')[0].magnitude[::5]
    entry = {'gsyn_inh': [[float(x) for x in g[:, c]] for c in range(3)],
             'v': [[float(x) for x in v[:, c]] for c in range(3)]}
    if SYNAPSES[label] is not None:
        entry['nest_release'] = [nest_tsodyks_releases(SPIKES, tau_psc=tau, weight=0.01, **SYNAPSES[label]) for tau in TAU_SYN_I]
    out['populations'][label] = entry
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as f:
    json.dump(out, f)
sim.end()
