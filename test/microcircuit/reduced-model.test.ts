// The microcircuit at neuron scale 0.1 and full connectivity (in-degrees as at full scale, so the published
// full-scale rates apply), 1 s on the WASM backend: synapse totals exact, rates near the NEST reference, the
// published ordering of excitatory rates, irregular firing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { buildMicrocircuit, DEFAULT_OPTIONS } from '../../examples/microcircuit/network.js';
import { POPULATIONS, REFERENCE_RATES, type PopulationName } from '../../examples/microcircuit/parameters.js';
import { analyseSpikeTrains } from '../../examples/microcircuit/statistics.js';

const DURATION = 1000;
// The first 200 ms hold the transient from the random initial potentials (PD14 discard it too).
const T_START = 200;

const rates = new Map<PopulationName, number>();
const cvs = new Map<PopulationName, number>();
let builtSynapses = 0;
let expectedSynapses = 0;
let neurons = 0;

test.before(async () => {
  await sim.setup({ timestep: 0.1, seed: 1234 });
  const circuit = buildMicrocircuit(sim, { ...DEFAULT_OPTIONS, neuronScale: 0.1, connectivityScale: 1.0, seed: 1234 });
  for (const pop of circuit.populations.values()) pop.record('spikes');
  await sim.run(DURATION);
  for (const prj of circuit.internal) builtSynapses += await prj.size();
  expectedSynapses = circuit.expectedSynapses;
  neurons = circuit.neurons;
  for (const name of POPULATIONS) {
    const block = await circuit.populations.get(name)!.getData();
    const stats = analyseSpikeTrains(block.segments[0].spiketrains, T_START, DURATION);
    rates.set(name, stats.meanRate);
    cvs.set(name, stats.meanCv);
  }
  await sim.end();
});

test('synapse and neuron totals are exact (7,713 neurons, 29,873,185 synapses)', () => {
  assert.is(neurons, 7713);
  assert.is(expectedSynapses, 29873185);
  assert.is(builtSynapses, 29873185);
});

// ±20 % is the first check of the model card for the full model; at 10 % of the neurons the smallest populations
// (L5I: 106 cells) and a 0.8 s window add sampling noise of several percent, so we allow ±35 % (and 0.3 Hz).
test('every population fires within the band around the NEST reference rate', () => {
  for (const name of POPULATIONS) {
    const rate = rates.get(name)!;
    const ref = REFERENCE_RATES[name];
    const band = Math.max(0.35 * ref, 0.3);
    assert.ok(Math.abs(rate - ref) <= band, `${name}: ${rate.toFixed(3)} Hz vs reference ${ref} Hz (band ±${band.toFixed(2)})`);
  }
});

test('excitatory rates keep the published ordering: L2/3E and L6E lowest, then L4E, L5E highest', () => {
  const r = (n: PopulationName) => rates.get(n)!;
  assert.ok(Math.max(r('L23E'), r('L6E')) < r('L4E'), `L4E ${r('L4E')} must exceed L2/3E ${r('L23E')} and L6E ${r('L6E')}`);
  assert.ok(r('L4E') < r('L5E'), `L5E ${r('L5E')} must exceed L4E ${r('L4E')}`);
});

// Asynchronous irregular activity: CV of ISI near 1 (PD14 Fig. 7 shows 0.7–1.0).
test('firing is irregular: mean CV of ISI in [0.5, 1.3] where cells fire enough', () => {
  for (const name of ['L4E', 'L4I', 'L5E', 'L5I', 'L6I'] as const) {
    const cv = cvs.get(name)!;
    assert.ok(cv >= 0.5 && cv <= 1.3, `${name}: CV ${cv.toFixed(3)}`);
  }
});

test.run();
