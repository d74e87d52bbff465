"""PyNN example stochastic_synapses.py (NeuralEnsemble/PyNN examples/) on PyNN 0.10.1 + Brian2 2.5.1.

Writes test/fixtures/pynn_examples/stochastic_synapses.json for test/conformance/pynn-examples-stochastic.test.ts.
The example: one source firing at 10, 20, ..., 90 ms; one IF_cond_exp cell (defaults) reached through an
inhibitory StaticSynapse (weight 0.01 uS, delay 0.5 ms) and one through a SimpleStochasticSynapse (p 0.5, weight
0.02); 200 ms at dt 0.1 (PyNN's default); gsyn_inh and v recorded.

pyNN.brian2 has no SimpleStochasticSynapse (it is a NEST extension model in PyNN), so only the static cell runs here,
plus one cell reached by a StaticSynapse of weight 0.02: the trace a p = 1 stochastic synapse must give (every
spike transmitted). The statistics of p = 0.5 are checked in the test against the binomial law instead.
Timing: the source fires at t - dt in Brian2, which puts Brian2 on NEST's (and tsnn's) schedule sample for sample
(test/reference/brian2_timing.py). Traces are stored every 0.1 ms.
    /usr/bin/python3 test/reference/pynn_examples/stochastic_synapses_brian2.py
"""
import json
import os
import sys

import numpy as np
import pyNN.brian2 as sim

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from brian2_timing import brian2_source_times  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'pynn_examples', 'stochastic_synapses.json')
SPIKES = np.arange(10, 100, 10)
DT = 0.1

sim.setup(timestep=DT)
source = sim.Population(1, sim.SpikeSourceArray(spike_times=brian2_source_times(SPIKES, DT)))
weights = {'static': 0.01, 'static_0.02': 0.02}
pops = {}
for label, w in weights.items():
    pops[label] = sim.Population(1, sim.IF_cond_exp(), label=label)
    pops[label].record(['v', 'gsyn_inh'])
    sim.Projection(source, pops[label], sim.AllToAllConnector(), receptor_type='inhibitory',
                   synapse_type=sim.StaticSynapse(weight=w, delay=0.5))
sim.run(200.0)

out = {
    'example': 'NeuralEnsemble/PyNN examples/stochastic_synapses.py',
    'simulator': 'PyNN 0.10.1 + Brian2 2.5.1 (numpy target)',
    'changes': 'static cells only (no SimpleStochasticSynapse in pyNN.brian2), plus a static weight-0.02 cell (= p 1); '
               'source at t - dt in Brian2 (NEST schedule)',
    'dt': DT, 'spike_times': [float(t) for t in SPIKES], 'populations': {},
}
for label, p in pops.items():
    seg = p.get_data().segments[0]
    out['populations'][label] = {
        'weight': weights[label],
        'gsyn_inh': [float(x) for x in seg.filter(name='gsyn_inh')[0].magnitude[:, 0]],
        'v': [float(x) for x in seg.filter(name='v')[0].magnitude[:, 0]],
    }
with open(OUT, 'w') as f:
    json.dump(out, f)
sim.end()
