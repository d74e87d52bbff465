"""PyNN example tsodyksmarkram2.py (NeuralEnsemble/PyNN examples/) on PyNN 0.10.1 + Brian2 2.5.1.

Writes test/fixtures/pynn_examples/tsodyksmarkram2.json for test/conformance/pynn-examples-stochastic.test.ts.
The example (PyNN 0.7's API, ported): one source firing at 10, 20, ..., 90 ms; three IF_curr_alpha cells
(defaults: tau_syn_I 0.5 ms) reached through inhibitory static, depressing (U 0.5, tau_rec 800, tau_facil 0) and
facilitating (U 0.04, tau_rec 100, tau_facil 1000) synapses; 0.7's `weights=-1.0` on target 'inhibitory' is
weight -1.0 nA with receptor_type 'inhibitory' (PyNN still wants current-based inhibitory weights
negative); delay 0.5 ms; 200 ms at dt 0.1; v recorded.

The static cell runs as in the example. The depressing and facilitating releases are not Brian2's own
(pyNN.brian2 0.10.1's TsodyksMarkram equations recover with tau_syn instead of tau_rec and cap u at U: see
test/conformance/pynn-examples-synapses.test.ts); they are NEST's tsodyks_synapse (pyNN.nest's model, tau_psc =
the cell's tau_syn_I), evaluated here event by event and stored as 'nest_release'. Brian2 then gives the membrane
trace those releases produce: nine sources, source k firing once at spike k, each reaching the cell through a
StaticSynapse whose weight is release k (FromListConnector). IF_curr_alpha is linear, so this is exactly the
membrane of a cell driven by those releases.
Timing: sources fire at t - dt in Brian2 (test/reference/brian2_timing.py); v stored every 0.1 ms.
    /usr/bin/python3 test/reference/pynn_examples/tsodyksmarkram2_brian2.py
"""
import json
import os
import sys

import numpy as np
import pyNN.brian2 as sim

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from brian2_timing import brian2_source_times  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nest_tsodyks import nest_tsodyks_releases  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'pynn_examples', 'tsodyksmarkram2.json')
SPIKES = np.arange(10, 100, 10)
DT = 0.1
WEIGHT = -1.0  # the example's weights=-1.0: PyNN wants current-based inhibitory weights negative
TAU_SYN_I = 0.5  # IF_curr_alpha's default
SYNAPSES = {
    'depressing': dict(U=0.5, tau_rec=800.0, tau_facil=0.0),
    'facilitating': dict(U=0.04, tau_rec=100.0, tau_facil=1000.0),
}


releases = {label: nest_tsodyks_releases(SPIKES, tau_psc=TAU_SYN_I, weight=WEIGHT, **p) for label, p in SYNAPSES.items()}

sim.setup(timestep=DT)
pops = {}
source = sim.Population(1, sim.SpikeSourceArray(spike_times=brian2_source_times(SPIKES, DT)))
pops['static'] = sim.Population(1, sim.IF_curr_alpha(), label='static')
sim.Projection(source, pops['static'], sim.AllToAllConnector(), receptor_type='inhibitory',
               synapse_type=sim.StaticSynapse(weight=WEIGHT, delay=0.5))
singles = sim.Population(len(SPIKES), sim.SpikeSourceArray(
    spike_times=[sim.Sequence([t]) for t in brian2_source_times(SPIKES, DT)]))
for label, rel in releases.items():
    pops[label] = sim.Population(1, sim.IF_curr_alpha(), label=label)
    sim.Projection(singles, pops[label], sim.FromListConnector([(k, 0, w, 0.5) for k, w in enumerate(rel)],
                                                                column_names=['weight', 'delay']),
                   receptor_type='inhibitory', synapse_type=sim.StaticSynapse())
for p in pops.values():
    p.record('v')
sim.run(200.0)

out = {
    'example': 'NeuralEnsemble/PyNN examples/tsodyksmarkram2.py',
    'simulator': 'PyNN 0.10.1 + Brian2 2.5.1 (numpy target)',
    'changes': "PyNN 0.7 API ported (weight -1.0 nA, receptor_type 'inhibitory'); TM cells driven by NEST "
               "tsodyks_synapse releases through static synapses; source at t - dt in Brian2 (NEST schedule)",
    'dt': DT, 'spike_times': [float(t) for t in SPIKES], 'tau_syn_I': TAU_SYN_I, 'weight': WEIGHT,
    'nest_release': releases, 'v': {},
}
for label, p in pops.items():
    out['v'][label] = [float(x) for x in p.get_data().segments[0].filter(name='v')[0].magnitude[:, 0]]
with open(OUT, 'w') as f:
    json.dump(out, f)
sim.end()
