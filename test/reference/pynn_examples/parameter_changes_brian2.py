"""PyNN example parameter_changes.py (NeuralEnsemble/PyNN examples/) on PyNN 0.10.1 + Brian2 2.5.1.

Writes test/fixtures/pynn_examples/parameter_changes.json for test/conformance/pynn-examples-synapses.test.ts.
The example unchanged (one EIF_cond_exp_isfa_ista cell, v_thresh -55, tau_refrac 5, a StepCurrentSource of 1 nA
pulses 50-200, 250-400, 450-600, 650-800 ms; a = 0, 4, 20, 100 nS set before each of four 200 ms runs; dt 0.01),
with spikes recorded as well as v. v is stored every 1 ms. One forced change: pyNN.brian2's Population.set() fails
for this cell type (it re-sets every parameter, and its AdaptiveNeuronGroup's `b` is a read-only property:
AttributeError), so `a` is set on the Brian2 group directly (the same value, in nS).
    /usr/bin/python3 test/reference/pynn_examples/parameter_changes_brian2.py
"""
import json
import os

import brian2
import pyNN.brian2 as sim

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'pynn_examples', 'parameter_changes.json')

sim.setup(timestep=0.01)
cell = sim.Population(1, sim.EIF_cond_exp_isfa_ista(v_thresh=-55.0, tau_refrac=5.0))
source = sim.StepCurrentSource(times=[50.0, 200.0, 250.0, 400.0, 450.0, 600.0, 650.0, 800.0],
                               amplitudes=[1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
cell.inject(source)
cell.record(['v', 'spikes'])
for a in (0.0, 4.0, 20.0, 100.0):
    cell.brian2_group.a = a * brian2.nS  # cell.set(a=a) raises in pyNN.brian2 0.10.1
    sim.run(200.0)
seg = cell.get_data().segments[0]
v = seg.filter(name='v')[0].magnitude[::100, 0]
out = {
    'example': 'NeuralEnsemble/PyNN examples/parameter_changes.py',
    'simulator': 'PyNN 0.10.1 + Brian2 2.5.1 (numpy target)',
    'changes': 'a set on the Brian2 group (Population.set raises AttributeError in pyNN.brian2 0.10.1); spikes recorded too; v stored every 1 ms',
    'dt': 0.01, 'a_values': [0.0, 4.0, 20.0, 100.0],
    'spike_times': [float(t) for t in seg.spiketrains[0].magnitude],
    'v_every_1ms': [float(x) for x in v],
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as f:
    json.dump(out, f)
print(len(out['spike_times']), out['spike_times'][:12])
sim.end()
