// Projections through the whole stack on the WebAssembly engine (needs the wasm build, which `npm test` makes
// first): connection counts and values against closed forms. Populations on the default Line, so d(i, j) = |i - j|.
// Weights come back as float32, the engine's storage (≤ 8 bytes per synapse).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';


test('deterministic rules: all-to-all, one-to-one, fixed number, distance rule without self connections', async () => {
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(20, new sim.IF_curr_exp(), { label: 'a' });
  const b = new sim.Population(10, new sim.IF_curr_exp(), { label: 'b' });
  const all = new sim.Projection(a, b, new sim.AllToAllConnector());
  const one = new sim.Projection(b, b, new sim.OneToOneConnector());
  const fixed = new sim.Projection(a, b, new sim.FixedNumberPreConnector(3));
  const near = new sim.Projection(a, a, new sim.DistanceDependentProbabilityConnector('d < 3', { allowSelfConnections: false }));
  assert.is(await all.size(), 200);
  assert.is(await one.size(), 10);
  assert.is(await fixed.size(), 30);
  // Each cell connects to the cells 1 and 2 away on either side: 2·((20 - 1) + (20 - 2)).
  assert.is(await near.size(), 74);
  const perPost = new Array<number>(10).fill(0);
  for (const [, j] of (await fixed.get('weight')) as number[][]) perPost[j!]! += 1;
  assert.equal(perPost, new Array(10).fill(3));
  await sim.end();
});

test('values: a function of distance, a FromList with a multapse, and set() between runs', async () => {
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(3, new sim.IF_curr_exp(), { label: 'a' });
  const b = new sim.Population(2, new sim.IF_curr_exp(), { label: 'b' });
  const byDistance = new sim.Projection(a, b, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: (d: number) => 0.1 + d, delay: 0.5 }));
  const listed = new sim.Projection(a, b, new sim.FromListConnector([[0, 1, 0.3, 1.0], [2, 0, 0.4, 2.0], [2, 0, 0.5, 0.7]]));
  assert.equal(await byDistance.get(['weight', 'delay']), [
    [0, 0, 0.1, 0.5],
    [0, 1, 1.1, 0.5],
    [1, 0, 1.1, 0.5],
    [1, 1, 0.1, 0.5],
    [2, 0, 2.1, 0.5],
    [2, 1, 1.1, 0.5],
  ]);
  // A name asked for twice gives two columns, as in PyNN (the engine is asked once; it refuses repeats).
  assert.equal(await listed.get(['weight', 'weight'], { withAddress: false }), [[0.3, 0.3], [0.4, 0.4], [0.5, 0.5]]);
  const summed = await listed.get('weight', { format: 'array' });
  assert.is(summed[2]![0], 0.4 + 0.5);
  assert.is(summed[0]![1], 0.3);
  assert.ok(Number.isNaN(summed[1]![1]!));
  await sim.run(1);
  await byDistance.set({ weight: 0.9 });
  assert.equal(await byDistance.get('weight', { withAddress: false }), new Array(6).fill(0.9));
  await sim.end();
});

test('the engine evaluates fmod, round (ties to even) and ldexp in distance expressions as numpy does', async () => {
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(12, new sim.IF_curr_exp(), { label: 'a' });
  const b = new sim.Population(1, new sim.IF_curr_exp(), { label: 'b' });
  // Cells i and j connect where |i - j| is even: 6·6 + 6·6 ordered pairs, self connections included.
  const even = new sim.Projection(a, a, new sim.DistanceDependentProbabilityConnector('fmod(d, 2) < 1'));
  const weighted = new sim.Projection(a, b, new sim.AllToAllConnector(),
    new sim.StaticSynapse({ weight: 'round(d / 4) + fmod(d, 3) * 0.5 + ldexp(0.125, 1)' }));
  assert.is(await even.size(), 72);
  // numpy 1.24: d = np.arange(12.0); np.round(d/4) + np.fmod(d, 3)*0.5 + np.ldexp(0.125, 1)
  assert.equal(await weighted.get('weight', { withAddress: false }),
    [0.25, 0.75, 1.25, 1.25, 1.75, 2.25, 2.25, 2.75, 3.25, 2.25, 2.75, 4.25]);
  await sim.end();
});

test('drawn weights of the wrong sign are errors naming the projection, as PyNN checks the values it drew', async () => {
  // PyNN 0.10.1 + Brian2: normal(0.005, 0.01) onto IF_cond_exp raises ConnectionError; here 66 of 200 came out
  // negative conductances before the engine checked what it drew.
  await sim.setup({ timestep: 0.1 });
  const source = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 10 }), { label: 'source' });
  const cond = new sim.Population(10, new sim.IF_cond_exp(), { label: 'cond' });
  const rng = new sim.NumpyRNG({ seed: 1 });
  new sim.Projection(source, cond, new sim.AllToAllConnector(),
    new sim.StaticSynapse({ weight: new sim.RandomDistribution('normal', [0.005, 0.01], rng) }), { label: 'noisy' });
  let message = '';
  await sim.run(1).catch((e: Error) => (message = e.message));
  assert.match(message, /^Projection 'noisy', synapse\.weight: weight -[\d.e-]+ drawn for the connection \d+ -> \d+ is negative, but weights onto receptor 'excitatory' must be >= 0/);
  await sim.end();

  await sim.setup({ timestep: 0.1 });
  const pre = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 10 }), { label: 'pre' });
  const curr = new sim.Population(10, new sim.IF_curr_exp(), { label: 'curr' });
  new sim.Projection(pre, curr, new sim.AllToAllConnector(),
    new sim.StaticSynapse({ weight: new sim.RandomDistribution('normal', [-0.5, 1], rng) }), { label: 'mixed' });
  message = '';
  await sim.run(1).catch((e: Error) => (message = e.message));
  assert.match(message, /^Projection 'mixed', synapse\.weight: weight [\d.e-]+ drawn .* is positive, but weights onto receptor 'inhibitory' must be <= 0/);
  await sim.end();

  // The same distributions far from zero (P(wrong sign) < 1e-300) build and run.
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 10 }), { label: 'p' });
  const q = new sim.Population(10, new sim.IF_cond_exp(), { label: 'q' });
  const fine = new sim.Projection(p, q, new sim.AllToAllConnector(),
    new sim.StaticSynapse({ weight: new sim.RandomDistribution('normal', [0.005, 0.0001], rng) }));
  await sim.run(1);
  assert.is(await fine.size(), 200);
  await sim.end();
});

test('synapses beyond wasm32 are refused before allocation, naming the projection and the bytes; a new setup works', async () => {
  // 40,000 x 40,000 all-to-all: 1.6e9 synapses, 12.8 GB. Before, "a buffer would exceed the addressable size",
  // with no path and no sizes.
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(40000, new sim.IF_curr_exp(), { label: 'a' });
  new sim.Projection(a, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.01 }), { label: 'dense' });
  let message = '';
  await sim.run(1).catch((e: Error) => {
    assert.instance(e, sim.MemoryError);
    message = e.message;
  });
  assert.match(message, /^Projection 'dense': the synapses up to this projection need 12800160004 bytes \(this one: 1600000000 connections\), more than the limit of 3758096384 bytes/);
  await sim.end();
  await sim.setup({ timestep: 0.1 });
  const b = new sim.Population(2, new sim.IF_curr_exp(), { label: 'b' });
  const one = new sim.Projection(b, b, new sim.OneToOneConnector());
  await sim.run(1);
  assert.is(await one.size(), 2);
  await sim.end();
});

test('drawn delays and delays set between runs below the timestep are errors naming the projection, not one step', async () => {
  // NEST refuses any delay below its resolution; the engine once clamped these to one step.
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(10, new sim.IF_curr_exp(), { label: 'a' });
  const drawn = new sim.RandomDistribution('uniform', [0, 0.2], new sim.NumpyRNG({ seed: 3 }));
  new sim.Projection(a, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ delay: drawn }));
  let message = '';
  await sim.run(1).catch((e: Error) => (message = e.message));
  assert.match(message, /^Projection 'a→a', synapse\.delay: delay 0\.0\d+ ms is shorter than the timestep 0\.1 ms/);
  await sim.end();

  await sim.setup({ timestep: 0.1 });
  const b = new sim.Population(3, new sim.IF_curr_exp(), { label: 'b' });
  const prj = new sim.Projection(b, b, new sim.OneToOneConnector(), new sim.StaticSynapse({ delay: 0.5 }));
  await sim.run(1);
  message = '';
  await prj.set({ delay: 0.03 }).catch((e: Error) => (message = e.message));
  await sim.run(1).catch((e: Error) => (message ||= e.message));
  assert.match(message, /delay 0\.03 ms is shorter than the timestep 0\.1 ms/);
  assert.equal(await prj.get('delay', { withAddress: false }), [0.5, 0.5, 0.5]);  // left as it was
  // A delay whose ring cannot be made (1e8 steps): refused, and the projection and the session are unchanged.
  // Before, the delays were written anyway and the next run read past the ring (memory access out of bounds).
  message = '';
  await prj.set({ delay: 1e7 }).catch((e: Error) => (message = e.message));
  await sim.run(1).catch((e: Error) => (message ||= e.message));
  assert.match(message, /the delay ring would need \d+ bytes/);
  assert.equal(await prj.get('delay', { withAddress: false }), [0.5, 0.5, 0.5]);
  await sim.run(1);
  await sim.end();
});

test('reading connections before the first run does not freeze the network; after Projection.set it does', async () => {
  // PyNN connects in the Projection constructor: size() and get() work at once, and more can be added after.
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(10, new sim.IF_curr_exp(), { label: 'a' });
  const first = new sim.Projection(a, a, new sim.FixedProbabilityConnector(0.5), new sim.StaticSynapse({ weight: 0.1 }));
  const pairs = (await first.get('weight', { format: 'list' })) as number[][];
  assert.is(await first.size(), pairs.length);
  const b = new sim.Population(4, new sim.IF_curr_exp({ i_offset: 2 }), { label: 'b' });  // built again at next use
  const second = new sim.Projection(b, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.2 }));
  new sim.DCSource({ amplitude: 1 }).injectInto(a);
  b.record('spikes');
  await sim.run(20);
  assert.equal(await first.get('weight', { format: 'list' }), pairs);  // the same connections after the new build
  assert.is(await second.size(), 40);
  assert.ok((await b.getData()).segments[0]!.spiketrains.every((train) => train.length > 0));
  await sim.end();

  await sim.setup({ timestep: 0.1 });
  const c = new sim.Population(3, new sim.IF_curr_exp(), { label: 'c' });
  const prj = new sim.Projection(c, c, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.1 }));
  assert.is(await prj.size(), 3);  // builds the network
  await prj.set({ weight: 0.3 });  // now held by the engine only
  assert.throws(() => new sim.Population(1, new sim.IF_curr_exp()), /^Cannot add a Population after Projection\.set changed/);
  await sim.end();
});

test('a new RNG object with the same seed repeats the connections and values; default connectors stay independent', async () => {
  // PyNN: NumpyRNG(seed) is a fresh RandomState(seed), so the same script line twice gives the same connections.
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(10, new sim.IF_curr_exp(), { label: 'a' });
  const b = new sim.Population(10, new sim.IF_curr_exp(), { label: 'b' });
  const make = () =>
    new sim.Projection(a, b, new sim.FixedProbabilityConnector(0.3, { rng: new sim.NumpyRNG({ seed: 42 }) }),
      new sim.StaticSynapse({ weight: new sim.RandomDistribution('uniform', [0, 1], new sim.NumpyRNG({ seed: 7 })) }));
  const first = make();
  const second = make();
  const list = async (prj: sim.Projection) => (await prj.get('weight', { format: 'list' })) as number[][];
  assert.ok((await list(first)).length > 10);
  assert.equal(await list(second), await list(first));
  // One object used twice moves on, as a RandomState does: its second use gives other connections.
  const shared = new sim.NumpyRNG({ seed: 42 });
  const third = new sim.Projection(a, b, new sim.FixedProbabilityConnector(0.3, { rng: shared }));
  const fourth = new sim.Projection(a, b, new sim.FixedProbabilityConnector(0.3, { rng: shared }));
  const pairs = async (prj: sim.Projection) => (await list(prj)).map(([i, j]) => `${i}-${j}`).join(' ');
  assert.is(await pairs(third), await pairs(first));
  assert.not.equal(await pairs(fourth), await pairs(third));
  // Without an rng, each connector draws its own numbers (PyNN's fixed default seed would repeat them).
  const x = new sim.Projection(a, b, new sim.FixedProbabilityConnector(0.3));
  const y = new sim.Projection(a, b, new sim.FixedProbabilityConnector(0.3));
  assert.not.equal(await pairs(x), await pairs(y));
  await sim.end();
});


test('displacement rules see the raw post − pre, not the Space (PyNN 0.10.1 connects (0,0), (1,1), (2,2))', async () => {
  // PyNN's DisplacementExpression is post.positions.T[j] - pre.positions.T[i]: the projection's Space (here a
  // scale factor of 2, under which the distance rule does change) does not enter.
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(3, new sim.IF_curr_exp(), { label: 'a' });
  const space = new sim.Space({ scaleFactor: 2 });
  const diagonal = [[0, 0], [1, 1], [2, 2]];
  const pairs = async (p: sim.Projection) => ((await p.get('weight')) as number[][]).map(([i, j]) => [i, j]);
  const asString = new sim.Projection(a, a, new sim.DisplacementDependentProbabilityConnector('abs(d[0]) < 0.5'),
    new sim.StaticSynapse({ weight: 0.1 }), { space });
  const asFunction = new sim.Projection(a, a, new sim.DisplacementDependentProbabilityConnector((d) => (Math.abs(d[0]) < 0.5 ? 1 : 0)),
    new sim.StaticSynapse({ weight: 0.1 }), { space });
  // The distance under the same Space is |2j - i|: zero for (0, 0) and (2, 1).
  const byDistance = new sim.Projection(a, a, new sim.DistanceDependentProbabilityConnector('d < 0.5'),
    new sim.StaticSynapse({ weight: 0.1 }), { space });
  assert.equal(await pairs(asString), diagonal);
  assert.equal(await pairs(asFunction), diagonal);
  assert.equal(await pairs(byDistance), [[0, 0], [2, 1]]);
  await sim.end();
});

test("a Connection's attributes read as properties, as PyNN's c.U; a write is refused with the call to use", async () => {
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(1, new sim.IF_curr_exp(), { label: 'a' });
  const prj = new sim.Projection(a, a, new sim.AllToAllConnector(), new sim.TsodyksMarkramSynapse({ weight: 0.5, U: 0.25, tau_rec: 300 }));
  const c = (await prj.at(0)) as sim.Connection & Record<string, unknown>;
  assert.is(c.U, 0.25);
  assert.is(c.tau_rec, 300);
  assert.equal(c.asTuple('U', 'weight'), [0.25, 0.5]);
  assert.throws(() => { c.U = 0.5; }, (e: Error) => e instanceof TypeError && /use await c.set\('U', 0.5\)/.test(e.message));
  await c.set('U', 0.5);
  assert.is((await prj.get('U', { withAddress: false }) as number[])[0], 0.5);
  await sim.end();
});

test.run();
