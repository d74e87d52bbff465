// The microcircuit at neuron scale 0.1 and full connectivity (in-degrees as at full scale), 1 s on the WASM
// backend: synapse totals exact, rates as in the same reduced network simulated by Brian2
// (test/fixtures/microcircuit_ns0.1_cs1.0.json, from test/reference/microcircuit_brian2.py), the published ordering
// of excitatory rates, irregular firing.
//
// The reduced network does not reproduce the full-scale NEST rates: with 10 % of the neurons and full in-degrees
// every pair of cells shares ten times more inputs (and multapses are ten times more frequent), which raises
// correlations and the rates of L2/3 and L5 (Brian2, 20 seeds: L2/3E 1.93 ± 0.42 Hz, L5E 10.5 ± 1.0 Hz, against
// 0.90 and 7.57 Hz at full scale). Brian2 simulating the same reduced network is therefore the reference here,
// not the full-scale table (examples/microcircuit.ts at 0.5 / 0.5 with DC compensation comes close to that table).
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { buildMicrocircuit, DEFAULT_OPTIONS } from '../../examples/microcircuit/network.js';
import { POPULATIONS, type PopulationName } from '../../examples/microcircuit/parameters.js';
import { analyseSpikeTrains } from '../../examples/microcircuit/statistics.js';

interface Fixture {
  runs: Array<{ seed: number; rate_hz: Record<PopulationName, number>; mean_cv_isi: Record<PopulationName, number | null> }>;
  window_ms: [number, number];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/microcircuit_ns0.1_cs1.0.json', import.meta.url), 'utf8')) as Fixture;

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

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) };
}

// The tsnn run is one more network drawn from the same rules (another seed), so its rate should fall where
// Brian2's runs fall: within 3 sd of seed-to-seed spread around their mean, widened by √(1 + 1/n) since the mean
// itself comes from n runs; and never tighter than 10 % of the mean, for the model details that differ by design
// (Brian2's binomial background count per step against a Poisson source; the threshold test v > θ against NEST's
// v ≥ θ). Twenty Brian2 seeds against twenty tsnn seeds (1-18, 99, 1234; session 10) put every population's mean
// within 7 % of Brian2's and none significantly apart (|t| < 1.5; L6E 1.079 ± 0.078 Hz against 1.088 ± 0.063).
// Session 9 had widened the band to the sum of the two terms, after seed 1234 put L6E at 0.952 Hz outside it
// while the fixture held six Brian2 seeds (L6E 1.118 ± 0.044): those six were on the high side, and their sd
// too small. With twenty the band is the larger of the two terms again, and 0.952 is inside it (± 0.193).
function band(values: number[]): { mean: number; band: number } {
  const { mean, sd } = meanAndSd(values);
  return { mean, band: Math.max(3 * sd * Math.sqrt(1 + 1 / values.length), 0.1 * mean) };
}

test('every population fires at the rate Brian2 gives for the same reduced network (mean of its seeds ± band)', () => {
  assert.ok(fixture.runs.length >= 20, `the fixture holds ${fixture.runs.length} seeds; at least 20 are needed`);
  assert.equal(fixture.window_ms, [T_START, DURATION]);
  const lines: string[] = [];
  let ok = true;
  for (const name of POPULATIONS) {
    const { mean, band: width } = band(fixture.runs.map((r) => r.rate_hz[name]));
    const rate = rates.get(name)!;
    const inside = Math.abs(rate - mean) <= width;
    ok &&= inside;
    lines.push(`${name}: tsnn ${rate.toFixed(3)} Hz, Brian2 ${mean.toFixed(3)} ± ${width.toFixed(3)} Hz${inside ? '' : '  <-- outside'}`);
  }
  assert.ok(ok, lines.join('\n'));
});

// The mean CV of ISI is a property of the irregular state; the same band rule as for the rates.
test('mean CV of ISI matches Brian2 where cells fire enough', () => {
  for (const name of ['L23I', 'L4E', 'L4I', 'L5E', 'L5I', 'L6I'] as const) {
    const { mean, band: width } = band(fixture.runs.map((r) => r.mean_cv_isi[name]!));
    const cv = cvs.get(name)!;
    assert.ok(Math.abs(cv - mean) <= width, `${name}: CV ${cv.toFixed(3)} vs Brian2 ${mean.toFixed(3)} ± ${width.toFixed(3)}`);
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
