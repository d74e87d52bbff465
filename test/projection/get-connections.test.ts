// Projection.get, size, connections and iteration on a fake engine that returns known ConnectionsChunks (split
// into chunks of two): list format with and without address, array format with NaN for absent pairs and each
// way of combining multapses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Projection } from '../../frontend/projection/projection.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { IndexError, NonExistentParameterError, ValueError } from '../../frontend/errors.js';
import { FakeBackend, FakeSimulation, fakeCells } from './fakes.js';

const N = Number.NaN;
// Engine order: sorted by (pre, post), multapses in creation order.
const CONNECTIONS: Array<[number, number, Record<string, number>]> = [
  [0, 0, { weight: 1, delay: 1 }],
  [0, 1, { weight: 2, delay: 1.5 }],
  [0, 1, { weight: 3, delay: 2 }],
  [2, 0, { weight: 4, delay: 1 }],
  [2, 0, { weight: -1, delay: 3 }],
];

function setup(): { prj: Projection; backend: FakeBackend; simulation: FakeSimulation } {
  const simulation = new FakeSimulation();
  new Projection(fakeCells('a', 1), fakeCells('b', 1), new AllToAllConnector(), undefined, { simulation });
  const prj = new Projection(fakeCells('pre', 3), fakeCells('post', 2, { population: 1 }), new AllToAllConnector({ safe: false }), new StaticSynapse(), {
    simulation,
  });
  const backend = new FakeBackend(CONNECTIONS, 2);
  simulation.backend = backend;
  simulation.built = true;
  return { prj, backend, simulation };
}

/** NaN-aware deep equality for matrices. */
function sameMatrix(actual: number[][], expected: number[][]): void {
  assert.equal(actual.map((r) => r.map((v) => (Number.isNaN(v) ? 'NaN' : v))), expected.map((r) => r.map((v) => (Number.isNaN(v) ? 'NaN' : v))));
}

test('list format with address: (i, j, value) rows in engine order, across chunks', async () => {
  const { prj, backend } = setup();
  assert.equal(await prj.get('weight'), [
    [0, 0, 1],
    [0, 1, 2],
    [0, 1, 3],
    [2, 0, 4],
    [2, 0, -1],
  ]);
  assert.equal(backend.getRequests[0], { projection: 1, names: ['weight'], maxConnectionsPerChunk: 0 });
});

test('list format without address: a flat list for one name as a string, value rows for a list of names', async () => {
  const { prj } = setup();
  assert.equal(await prj.get('weight', { format: 'list', withAddress: false }), [1, 2, 3, 4, -1]);
  // PyNN 0.10.1: prj.get(['weight'], format='list', with_address=False) gives [(1,), (2,), ...]
  assert.equal(await prj.get(['weight'], { withAddress: false }), [[1], [2], [3], [4], [-1]]);
  assert.equal(await prj.get(['weight', 'delay'], { withAddress: false }), [
    [1, 1],
    [2, 1.5],
    [3, 2],
    [4, 1],
    [-1, 3],
  ]);
  assert.equal((await prj.get(['delay', 'weight']))[3], [2, 0, 1, 4]);
});

test("array format: pre × post, NaN where unconnected, multapses summed by default", async () => {
  const { prj } = setup();
  sameMatrix(await prj.get('weight', { format: 'array' }), [
    [1, 5],
    [N, N],
    [3, N],
  ]);
});

test("array format: 'first', 'last', 'min', 'max'", async () => {
  const { prj } = setup();
  const expected: Record<string, number[][]> = {
    first: [[1, 2], [N, N], [4, N]],
    last: [[1, 3], [N, N], [-1, N]],
    min: [[1, 2], [N, N], [-1, N]],
    max: [[1, 3], [N, N], [4, N]],
  };
  for (const [how, matrix] of Object.entries(expected)) {
    sameMatrix(await prj.get('weight', { format: 'array', multipleSynapses: how as 'first' }), matrix);
  }
});

test('array format with several names: one matrix per name', async () => {
  const { prj } = setup();
  const [w, d] = await prj.get(['weight', 'delay'], { format: 'array', multipleSynapses: 'max' });
  sameMatrix(w!, [[1, 3], [N, N], [4, N]]);
  sameMatrix(d!, [[1, 2], [N, N], [3, N]]);
});

test('bad format, bad multipleSynapses and unknown names are refused before asking the engine', async () => {
  const { prj, backend } = setup();
  const rejects = async (p: Promise<unknown>, check: (e: Error) => boolean) => {
    try {
      await p;
    } catch (e) {
      assert.ok(check(e as Error), (e as Error).message);
      return;
    }
    assert.unreachable('expected a rejection');
  };
  await rejects(prj.get('weight', { format: 'matrix' as 'array' }), (e) => e instanceof ValueError && /format/.test(e.message));
  await rejects(prj.get('weight', { format: 'array', multipleSynapses: 'mean' as 'sum' }), (e) => e instanceof ValueError && /'sum', 'first', 'last', 'min', 'max'/.test(e.message));
  await rejects(prj.get('U'), (e) => e instanceof NonExistentParameterError && /StaticSynapse/.test(e.message));
  assert.is(backend.getRequests.length, 0);
});

test('size(), connections and for-await iteration', async () => {
  const { prj, backend } = setup();
  assert.is(await prj.size(), 5);
  assert.equal(backend.getRequests[0]!.names, []);
  const connections = await prj.connections;
  assert.is(connections.length, 5);
  assert.is(connections[2]!.presynapticIndex, 0);
  assert.is(connections[2]!.postsynapticIndex, 1);
  assert.is(connections[2]!.weight, 3);
  assert.equal(connections[4]!.asTuple('delay', 'weight'), [3, -1]);
  // PyNN's c.weight = w would be a silent no-op on a snapshot: refused, naming the asynchronous call.
  assert.throws(() => { connections[4]!.weight = 0.5; },
    (e: Error) => e instanceof TypeError && /use await c.set\('weight', 0.5\)/.test(e.message));
  assert.throws(() => connections[4]!.asTuple('U'), (e: Error) => e instanceof TypeError && /no attribute 'U'/.test(e.message));
  assert.is((await prj.at(-1)).weight, -1);
  assert.is((await prj.at(3)).postsynapticIndex, 0);
  try {
    await prj.at(5);
    assert.unreachable('expected IndexError');
  } catch (e) {
    assert.ok(e instanceof IndexError && /5 out of range \(5 connections\)/.test((e as Error).message), (e as Error).message);
  }
  const seen: number[] = [];
  for await (const c of prj) seen.push(c.delay!);
  assert.equal(seen, [1, 1.5, 2, 1, 3]);
});

test("Connection.set (PyNN's c.weight = w) rewrites that connection only", async () => {
  const { prj, backend } = setup();
  const third = await prj.at(2);
  await third.set('weight', 7);
  assert.equal(backend.setRequests[0], {
    projection: 1,
    values: { weight: { kind: { $case: 'array', value: { values: [1, 2, 7, 4, -1] } } } },
  });
  try {
    await third.set('U', 0.5);
    assert.unreachable('expected NonExistentParameterError');
  } catch (e) {
    assert.ok(e instanceof NonExistentParameterError, (e as Error).message);
  }
});

test('before the network is built, reading connections says to run() first', async () => {
  const { prj, simulation } = setup();
  simulation.built = false;
  try {
    await prj.get('weight');
    assert.unreachable('expected a rejection');
  } catch (e) {
    assert.match((e as Error).message, /run\(\)/);
  }
});

test.run();
