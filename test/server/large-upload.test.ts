// A network larger than gRPC's 4 MB message limit travels as chunks and is built whole: a FromList projection of
// 400 000 rows (about 7 MB serialized) comes back from GetConnections row for row.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Network } from '../../frontend/generated/tsnn/v1/model.js';
import type { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { network, population, scalar } from '../wasm/network-builders.js';
import { connections, createSession, unary } from './raw-calls.js';
import { rawClient, startServer, type RunningServer } from './server-process.js';

let server: RunningServer;
let client: SimulatorClient;

test.before(async () => {
  server = await startServer();
  client = rawClient(server.address);
});

test.after(async () => {
  client?.close();
  await server?.stop();
});

test('a 7 MB network in 1 MB chunks: built whole, every connection read back in canonical order', async () => {
  const n = 1000;
  const rows = 400_000;
  // Distinct (pre, post) pairs: row r connects r mod n to (r div n + 3·r) mod n, weight r/10^6.
  const pre = new Array<number>(rows);
  const post = new Array<number>(rows);
  const weight = new Array<number>(rows);
  for (let r = 0; r < rows; r++) {
    pre[r] = r % n;
    post[r] = (Math.floor(r / n) + 3 * r) % n;
    weight[r] = r / 1e6;
  }
  const all = { population: 0, cells: { $case: 'all' as const, value: true } };
  const net = network(0.1, 1n, [population('a', n, 'IF_curr_exp', {})], [{
    label: 'listed',
    weightSign: 0,
    pre: { parts: [all], label: '' },
    post: { parts: [all], label: '' },
    connector: { rule: { $case: 'fromList', value: { pre, post, columnNames: ['weight'], columns: [{ values: weight }] } }, safe: true, sourceFile: '' },
    synapse: { weight: scalar(0), delay: scalar(1), dynamics: { $case: 'staticSynapse', value: {} } },
    receptorType: 'excitatory',
    annotations: [],
  }]);
  const bytes = Network.encode(net).finish().length;
  assert.ok(bytes > 4 << 20, `the network is ${bytes} bytes`);

  const created = await createSession(client, net, undefined, 1 << 20);
  assert.not.ok(created.error, created.error?.details);
  assert.is(created.response!.synapses, BigInt(rows));
  assert.equal(created.response!.projectionSizes, [BigInt(rows)]);

  const read = await connections(client, { sessionId: created.response!.sessionId, projection: 0, names: ['weight'], maxConnectionsPerChunk: 50_000 });
  assert.not.ok(read.error, read.error?.details);
  const chunks = read.response!;
  assert.ok(chunks.length >= 8, `${chunks.length} chunks`);
  const got: Array<[number, number, number]> = [];
  for (const chunk of chunks) {
    assert.is(chunk.total, BigInt(rows));
    chunk.pre.forEach((p, k) => got.push([p, chunk.post[k]!, chunk.values[0]!.values[k]!]));
  }
  // The canonical order is (pre, post); weights are stored as float32 and read back as the shortest decimal that
  // rounds to theirs, here the decimals given (at most six significant digits).
  const expected = pre.map((p, r) => [p, post[r]!, weight[r]!] as [number, number, number]);
  expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  assert.is(got.length, rows);
  for (let k = 0; k < rows; k += 997) assert.equal(got[k], expected[k], `connection ${k}`);
  assert.equal(got.at(-1), expected.at(-1));
  await unary(client, client.closeSession, { sessionId: created.response!.sessionId });
});

test.run();
