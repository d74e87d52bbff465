// The microcircuit's cells under their background drive alone (no recurrent synapses) on WASM, against Brian2
// (test/fixtures/microcircuit_background.json, from test/reference/microcircuit_background_brian2.py): the
// single-cell part of the model (IF_curr_exp, τ_syn 0.5 ms, refractoriness, Poisson K_ext·8 Hz through 87.8 pA,
// V0 ~ N(−58, 10) mV) built with the same calls as examples/microcircuit/network.ts uses.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { BACKGROUND_RATE, EXTERNAL_INDEGREE, INITIAL_V, MEAN_WEIGHT, NEURON, POPULATIONS, type PopulationName } from '../../examples/microcircuit/parameters.js';

interface Fixture {
  cells_per_population: number;
  window_ms: [number, number];
  rate_hz: Record<PopulationName, number>;
  sem_hz: Record<PopulationName, number>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/microcircuit_background.json', import.meta.url), 'utf8')) as Fixture;
const CELLS = 1000;
const [T_START, DURATION] = fixture.window_ms;
const rates = new Map<PopulationName, { mean: number; sem: number }>();

test.before(async () => {
  await sim.setup({ timestep: 0.1, seed: 11 });
  const rng = new sim.NumpyRNG({ seed: 11 });
  const pops = new Map<PopulationName, sim.Population>();
  for (const name of POPULATIONS) {
    const cells = new sim.Population(CELLS, new sim.IF_curr_exp({ ...NEURON }), {
      label: name,
      initialValues: { v: new sim.RandomDistribution('normal', [INITIAL_V.mean, INITIAL_V.sd], rng) },
    });
    const background = new sim.Population(CELLS, new sim.SpikeSourcePoisson({ rate: EXTERNAL_INDEGREE[name] * BACKGROUND_RATE }));
    new sim.Projection(background, cells, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: MEAN_WEIGHT, delay: 0.1 }), {
      receptorType: 'excitatory',
    });
    cells.record('spikes');
    pops.set(name, cells);
  }
  await sim.run(DURATION);
  for (const [name, pop] of pops) {
    const perCell = (await pop.getData()).segments[0]!.spiketrains.map(
      (train) => Array.from(train.times).filter((t) => t >= T_START && t < DURATION).length / ((DURATION - T_START) / 1000),
    );
    const mean = perCell.reduce((a, b) => a + b, 0) / CELLS;
    const sd = Math.sqrt(perCell.reduce((a, r) => a + (r - mean) ** 2, 0) / (CELLS - 1));
    rates.set(name, { mean, sem: sd / Math.sqrt(CELLS) });
  }
  await sim.end();
});

// Both means are estimates over independent cells; their difference has standard error √(sem_tsnn² + sem_brian2²).
// 4 standard errors leave a chance below 1e-4 of a false failure per population; the 0.5 % of the rate on top
// covers Brian2's binomial count per step (PoissonInput) against tsnn's Poisson source, which differ by 1e-3 of the
// input variance.
test('mean rate of every population under background drive alone matches Brian2', () => {
  for (const name of POPULATIONS) {
    const ours = rates.get(name)!;
    const ref = fixture.rate_hz[name];
    const band = 4 * Math.hypot(ours.sem, fixture.sem_hz[name]) + 0.005 * ref;
    assert.ok(ref > 1, `${name}: the reference must be active (${ref} Hz)`);
    assert.ok(Math.abs(ours.mean - ref) <= band, `${name}: ${ours.mean.toFixed(3)} Hz vs Brian2 ${ref} Hz (band ±${band.toFixed(3)})`);
  }
});

test.run();
