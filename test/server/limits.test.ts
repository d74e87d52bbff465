// --max-sessions: one session too many is RESOURCE_EXHAUSTED (nothing built, the others untouched); closing one
// frees its slot. GetInfo reports the limits and the open sessions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import type { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { network, population } from '../wasm/network-builders.js';
import { createSession, run, unary } from './raw-calls.js';
import { rawClient, startServer, type RunningServer } from './server-process.js';

let server: RunningServer;
let client: SimulatorClient;

test.before(async () => {
  server = await startServer(['--max-sessions', '2', '--max-memory', '256M']);
  client = rawClient(server.address);
});

test.after(async () => {
  client?.close();
  await server?.stop();
});

const small = () => network(0.1, 1n, [population('a', 4, 'IF_curr_exp', { i_offset: 1.0 })]);

test('GetInfo reports the CPU engine, the limits given on the command line and the cell types', async () => {
  const info = (await unary(client, client.getInfo, {})).response!;
  assert.equal(info.engines, ['cpu']);
  assert.is(info.limits!.maxSessions, 2);
  assert.is(info.limits!.maxMemory, 256n << 20n);
  assert.is(info.limits!.activeSessions, 0);
  assert.is(info.devices[0]!.kind, 'cpu');
  assert.ok(info.devices[0]!.totalMemory > 0n);
  for (const name of ['IF_curr_exp', 'IF_cond_alpha', 'Izhikevich', 'SpikeSourcePoisson', 'SpikeSourceArray']) {
    assert.ok(info.cellTypes.includes(name), name);
  }
});

test('a third session against --max-sessions 2: RESOURCE_EXHAUSTED; closing one frees a slot', async () => {
  const first = await createSession(client, small());
  const second = await createSession(client, small());
  assert.not.ok(first.error ?? second.error);
  assert.is.not(first.response!.sessionId, second.response!.sessionId);
  assert.match(first.response!.sessionId, /^[0-9a-f]{32}$/);
  const third = await createSession(client, small());
  assert.is(third.error?.code, grpc.status.RESOURCE_EXHAUSTED);
  assert.match(third.error!.details, /--max-sessions allows \(2\)/);
  assert.is((await unary(client, client.getInfo, {})).response!.limits!.activeSessions, 2);
  // The open sessions are untouched: both still run.
  for (const created of [first, second]) {
    const ran = await run(client, { sessionId: created.response!.sessionId, steps: 10n });
    assert.not.ok(ran.error, ran.error?.details);
  }
  assert.not.ok((await unary(client, client.closeSession, { sessionId: first.response!.sessionId })).error);
  const again = await createSession(client, small());
  assert.not.ok(again.error, again.error?.details);
  for (const id of [second.response!.sessionId, again.response!.sessionId]) await unary(client, client.closeSession, { sessionId: id });
  assert.is((await unary(client, client.getInfo, {})).response!.limits!.activeSessions, 0);
});

test('sessions are isolated: the same network in two sessions, one changed between runs, the other unaffected', async () => {
  const a = (await createSession(client, small())).response!.sessionId;
  const b = (await createSession(client, small())).response!.sessionId;
  const all = { population: 0, cells: { $case: 'all' as const, value: true } };
  assert.not.ok((await unary(client, client.setParameters, { sessionId: a, cells: all, parameters: { i_offset: { kind: { $case: 'scalar', value: 0 } } } })).error);
  await run(client, { sessionId: a, steps: 100n });
  await run(client, { sessionId: b, steps: 100n });
  const va = (await unary(client, client.getState, { sessionId: a, cells: all, names: ['v'] })).response!.values['v']!.values;
  const vb = (await unary(client, client.getState, { sessionId: b, cells: all, names: ['v'] })).response!.values['v']!.values;
  // Without current the cells rest at v_rest; with 1 nA for 10 ms they charge to v_rest + 20·(1 − e^(−10/20)) mV.
  assert.equal(va, [-65, -65, -65, -65]);
  const charged = -65 + 20 * (1 - Math.exp(-10 / 20));
  for (const v of vb) assert.ok(Math.abs(v - charged) < 1e-6, `v = ${v}, expected ${charged}`);
  for (const id of [a, b]) await unary(client, client.closeSession, { sessionId: id });
});

test.run();
