// STDP weights between runs (needs the wasm build). The engine settles the potentiation STDP rows owe only when
// something reads or changes the synapses, not after every Run call (the wasm backend cuts a run into many):
// a weight set between runs must be exactly what is read back, the owed potentiation applied before the set and
// not after it; and the weights cannot depend on how a run is cut into pieces or how often they are read, nor
// (reset() keeping them, as NEST) on whether they were read before a reset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

async function network() {
  await sim.setup({ timestep: 0.1, seed: 11 });
  const pre = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 40 }), { label: 'pre' });
  const driver = new sim.Population(5, new sim.SpikeSourcePoisson({ rate: 60 }), { label: 'driver' });
  const post = new sim.Population(5, new sim.IF_curr_exp(), { label: 'post' });
  new sim.Projection(driver, post, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 6.0, delay: 0.1 }));
  const plastic = new sim.Projection(pre, post, new sim.AllToAllConnector(),
    new sim.STDPMechanism({
      timingDependence: new sim.SpikePairRule({ tau_plus: 20, tau_minus: 20, A_plus: 0.01, A_minus: 0.012 }),
      weightDependence: new sim.AdditiveWeightDependence({ w_min: 0.0, w_max: 1.0 }),
      weight: 0.5,
      delay: 1.0,
    }));
  return plastic;
}

const weightsOf = async (p: sim.Projection) => (await p.get('weight', { withAddress: false })) as number[];

test('a weight set between runs is read back exactly: the potentiation a run owed is applied before the set', async () => {
  const plastic = await network();
  await sim.run(200);
  await plastic.set({ weight: 0.25 });
  const read = await weightsOf(plastic);
  assert.is(read.length, 100);
  assert.ok(read.every((w) => w === 0.25), `read back ${read.filter((w) => w !== 0.25).slice(0, 3)}`);
  await sim.end();
});

test('the weights do not depend on how a run is cut into pieces or how often they are read', async () => {
  let plastic = await network();
  await sim.run(200);
  await plastic.set({ weight: 0.25 });
  await sim.run(200);
  const whole = await weightsOf(plastic);
  await sim.end();

  plastic = await network();
  const reads: number[][] = [];
  for (let k = 0; k < 200; ++k) {
    await sim.run(1);
    if (k % 37 === 0) reads.push(await weightsOf(plastic));
  }
  await plastic.set({ weight: 0.25 });
  for (let k = 0; k < 40; ++k) await sim.run(5);
  const pieces = await weightsOf(plastic);
  await sim.end();
  assert.ok(whole.some((w) => w !== 0.25), 'the second run must change weights');
  assert.ok(reads.at(-1)!.some((w) => w !== 0.5), 'the first run must change weights');
  assert.equal(pieces, whole);
});

test('reset() keeps the weights with the potentiation the run owed, whether or not they were read before it', async () => {
  const keptAfterReset = async (readFirst: boolean) => {
    const plastic = await network();
    await sim.run(200);
    if (readFirst) await weightsOf(plastic);
    await sim.reset();
    const kept = await weightsOf(plastic);
    await sim.run(100);
    const after = await weightsOf(plastic);
    await sim.end();
    return { kept, after };
  };
  const read = await keptAfterReset(true);
  const unread = await keptAfterReset(false);
  assert.ok(read.kept.some((w) => w !== 0.5), 'the run must change weights');
  assert.equal(unread.kept, read.kept);
  assert.equal(unread.after, read.after);
});

test('set() between runs: bounds or weights across zero, or w_min beyond w_max, are refused and nothing changes', async () => {
  const plastic = await network();
  await sim.run(50);
  const before = await plastic.get(['weight', 'w_min', 'w_max'], { format: 'array' });
  const refused = async (values: Record<string, number>, pattern: RegExp) => {
    try {
      await plastic.set(values);
    } catch (error) {
      assert.match((error as Error).message, pattern);
      return;
    }
    assert.unreachable(`set(${JSON.stringify(values)}) was accepted`);
  };
  const rule = /w_min .*, w_max .* and weight .* must lie on one side of zero, w_min the nearer/;
  await refused({ w_min: 0.8, w_max: 0.5 }, rule);  // together: checked before either is written
  await refused({ w_max: -1 }, rule);  // positive weights under a negative bound
  await refused({ weight: -0.1 }, rule);
  await refused({ w_min: -0.2 }, rule);
  assert.equal(await plastic.get(['weight', 'w_min', 'w_max'], { format: 'array' }), before);
  await plastic.set({ w_min: 0.1, w_max: 0.9 });
  await sim.end();
});

test.run();
