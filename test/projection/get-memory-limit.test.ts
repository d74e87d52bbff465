// Projection.get and every read of connections refuse, before fetching anything, a result the JS heap could not
// hold (MemoryError naming the projection, the call, its size, the bytes needed and the limit, with what fits
// instead), still give what fits, and leave the simulation running. Large projections are faked by the count the
// engine reports, and the heap by a lowered limit: nothing here allocates more than a few megabytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../../frontend/projection/projection.js';
import { replaceJsHeapForTesting, type JsHeap } from '../../frontend/core/js-heap.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { MemoryError } from '../../frontend/errors.js';
import * as sim from '../../frontend/wasm.js';
import { FakeBackend, FakeSimulation, fakeCells } from './fakes.js';
import { EngineError } from '../../frontend/backend/backend.js';

const dir = mkdtempSync(join(tmpdir(), 'tsnn-get-memory-'));

/** A projection whose engine reports `connections` but holds only two (what a fetch would give). */
function reported(connections: number, preSize: number, postSize: number, built = false): { prj: Projection; backend: FakeBackend } {
  const backend = new FakeBackend([
    [0, 0, { weight: 0.5, delay: 1 }],
    [1, 1, { weight: 0.25, delay: 2 }],
  ]);
  const prj = new Projection(fakeCells('pre', preSize), fakeCells('post', postSize, { population: 1 }), new AllToAllConnector(), new StaticSynapse(), {
    simulation: Object.assign(new FakeSimulation(), { built }),
    label: 'big',
    backendAccess: { builtBackend: async () => backend, builtProjectionSizes: async () => [BigInt(connections)] },
  });
  return { prj, backend };
}

/** A heap with `bytes` to spare, nothing in use, 8-byte slots as in Node. */
function heapOf(bytes: number): () => JsHeap {
  return () => ({ limitBytes: bytes, reservedBytes: 0, usedBytes: 0, slotBytes: 8 });
}

async function refusal(read: () => Promise<unknown>): Promise<MemoryError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof MemoryError) return error;
    throw error;
  }
  throw new assert.Assertion({ message: 'expected a MemoryError', operator: 'throws', expects: 'MemoryError', actual: 'a result' });
}

test('10^9 connections: every read is refused with the real heap limit, and nothing is fetched or written', async () => {
  const { prj, backend } = reported(1e9, 40000, 25000);
  const file = join(dir, 'never.txt');
  const reads: Array<() => Promise<unknown>> = [
    () => prj.get('weight'),
    () => prj.get('weight', { withAddress: false }),
    () => prj.get(['weight', 'delay'], { withAddress: false }),
    () => prj.get('weight', { format: 'array' }),
    () => prj.get(['weight', 'delay'], { format: 'array' }),
    () => prj.getWeights(),
    () => prj.getDelays({ format: 'array' }),
    () => prj.connections,
    () => prj.at(0),
    async () => {
      for await (const c of prj) return c;
    },
    () => prj.save('all', file),
    () => prj.saveConnections(file),
    () => prj.printWeights(file, { format: 'array' }),
  ];
  for (const read of reads) assert.instance(await refusal(read), MemoryError);
  assert.is(backend.getRequests.length, 0);
  assert.not.ok(existsSync(file));
  const message = (await refusal(() => prj.get('weight', { withAddress: false }))).message;
  assert.match(message, "Projection 'big'.get('weight', { format: 'list', withAddress: false }): 1000000000 connections");
  assert.match(message, 'would need an array of 1000000000 elements, and a JavaScript array holds at most 134217725');
  assert.match(message, 'Nothing was fetched');
  // Bytes rather than length: here a larger heap would help, and Node's way to get one is named.
  const matrices = (await refusal(() => prj.get(['weight', 'delay'], { format: 'array' }))).message;
  assert.match(matrices, "Projection 'big'.get(['weight', 'delay'], { format: 'array' }): 2 matrices of 40000 × 25000 (pre × post)");
  assert.match(matrices, /would need about [0-9.]+ GB of JavaScript heap, and [0-9.]+ GB of it can be used now \(limit [0-9.]+ GB/);
  assert.match(matrices, 'start node with a larger --max-old-space-size');
});

test('a lowered limit: rows with the address are refused, naming bytes and limit; the values alone still come', async () => {
  const restore = replaceJsHeapForTesting(heapOf(6e6));
  try {
    const { prj, backend } = reported(100000, 400, 250);
    const error = await refusal(() => prj.get('weight'));
    assert.is(error.name, 'MemoryError');
    assert.match(error.message, "Projection 'big'.get('weight', { format: 'list', withAddress: true }): 100000 connections as rows of 3 numbers");
    assert.match(error.message, /would need about 8\.00 MB of JavaScript heap, and 5\.70 MB of it can be used now \(limit 6\.00 MB, 0 kB in use\)/);
    // What fits instead, with its size: the values without the address, and the other format.
    assert.match(error.message, "Instead: get('weight', { format: 'list', withAddress: false }) (about 2.80 MB)");
    assert.match(error.message, "get('weight', { format: 'array' })");
    assert.is(backend.getRequests.length, 0);
    assert.equal(await prj.get('weight', { withAddress: false }), [0.5, 0.25]);
    assert.equal(await prj.getWeights(), [0.5, 0.25]);
    // Two names: refused even without the address, and one name at a time offered.
    const two = await refusal(() => prj.get(['weight', 'delay'], { withAddress: false }));
    assert.match(two.message, "get('weight', { format: 'list', withAddress: false }) (one name at a time; about 2.80 MB)");
  } finally {
    restore();
  }
});

test("format 'array' is refused by its pre × post size, however few the connections", async () => {
  const restore = replaceJsHeapForTesting(heapOf(20e6));
  try {
    const { prj, backend } = reported(10, 2000, 2000);
    const error = await refusal(() => prj.get('weight', { format: 'array' }));
    assert.match(error.message, "Projection 'big'.get('weight', { format: 'array' }): 2000 × 2000 (pre × post) values from 10 connections");
    assert.match(error.message, "get('weight', { format: 'list', withAddress: true })");
    const save = await refusal(() => prj.printWeights(join(dir, 'weights.txt'), { format: 'array' }));
    assert.match(save.message, `Projection 'big'.save('weight', '${join(dir, 'weights.txt')}', { format: 'array' })`);
    assert.is(backend.getRequests.length, 0);
    assert.equal(await prj.get('weight'), [
      [0, 0, 0.5],
      [1, 1, 0.25],
    ]);
  } finally {
    restore();
  }
});

test('Connection objects are refused where iterating them one at a time fits', async () => {
  const restore = replaceJsHeapForTesting(heapOf(10e6));
  try {
    const { prj } = reported(60000, 300, 200);
    const error = await refusal(() => prj.connections);
    assert.match(error.message, "Projection 'big'.connections: 60000 connections as Connection objects");
    assert.match(error.message, 'Instead: for await (const c of projection) (one at a time; about 2.24 MB)');
    const seen: number[] = [];
    for await (const c of prj) seen.push(c.weight!);
    assert.equal(seen, [0.5, 0.25]);
    assert.is((await prj.at(-1)).delay, 2);
  } finally {
    restore();
  }
});

test('garbage counted as in use does not refuse a read: the heap is measured again after a collection', async () => {
  let measurements = 0;
  const restore = replaceJsHeapForTesting(() => ({ limitBytes: 100e6, reservedBytes: 0, slotBytes: 8, usedBytes: measurements++ === 0 ? 99e6 : 1e6 }));
  try {
    const { prj } = reported(100000, 400, 250);
    assert.is((await prj.get('weight')).length, 2);
    assert.is(measurements, 2);
  } finally {
    restore();
  }
});

test('wasm: a refused get leaves the simulation running, and the projection readable in a form that fits', async () => {
  await sim.setup({ timestep: 0.1 });
  const a = new sim.Population(300, new sim.IF_curr_exp(), { label: 'a' });
  const b = new sim.Population(300, new sim.IF_curr_exp(), { label: 'b' });
  const big = new sim.Projection(a, b, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.5, delay: 1 }), { label: 'big' });
  const small = new sim.Projection(a, b, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.25, delay: 1 }), { label: 'small' });
  await sim.run(1);
  const restore = replaceJsHeapForTesting(heapOf(6e6));
  try {
    const error = await refusal(() => big.get('weight'));
    assert.match(error.message, "Projection 'big'.get('weight', { format: 'list', withAddress: true }): 90000 connections");
    assert.is(await sim.run(1), 2);
    assert.is((await small.get('weight')).length, 300);
    const weights = (await big.getWeights()) as number[];
    assert.is(weights.length, 90000);
    assert.ok(weights.every((w) => w === 0.5));
  } finally {
    restore();
  }
  assert.is((await big.get('weight')).length, 90000);
  await sim.end();
});

test("the engine running out of memory for its answer is a MemoryError naming the projection and the names", async () => {
  // The wasm engine builds a GetConnections answer in its own 4 GiB, past what the JavaScript heap check sees.
  const { prj, backend } = reported(2, 2, 2);
  backend.getConnections = async () => {
    throw new EngineError('RESOURCE_EXHAUSTED', '', 'WebAssembly memory exhausted during GetConnections');
  };
  let error: unknown;
  await prj.get(['weight', 'delay'], { format: 'array' }).catch((e: unknown) => (error = e));
  assert.instance(error, MemoryError);
  assert.match((error as Error).message, "Projection 'big': the engine could not hold its answer for 'weight', 'delay' of 2 connections");
  assert.match((error as Error).message, 'ask for fewer attributes at a time');
});

test('set() with one value per connection is refused like a get() of one name, before anything is fetched or sent', async () => {
  // Built: before the build, set() only changes the description the engine will get.
  const { prj, backend } = reported(1e9, 40000, 25000, true);
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['a function of distance', () => prj.set({ weight: (d: number) => 0.1 * d })],
    ['one value per connection', () => prj.set({ weight: [0.1, 0.2] })],
  ];
  for (const [shape, attempt] of attempts) {
    const message = (await refusal(attempt)).message;
    assert.match(message, `Projection 'big'.set({ weight: ${shape} }): 1000000000 connections would need an array of 1000000000 elements`);
    assert.match(message, 'Nothing was fetched; the simulation is unchanged.');
  }
  assert.is(backend.getRequests.length, 0);
  assert.is(backend.setRequests.length, 0);
  // What fits goes through: the two connections the fake holds, under the real heap.
  const small = reported(2, 2, 2, true);
  await small.prj.set({ weight: [0.1, 0.2] });
  assert.equal(small.backend.setRequests.map((r) => r.values['weight']?.kind), [{ $case: 'array', value: { values: [0.1, 0.2] } }]);
});

test.run();
