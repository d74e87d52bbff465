// --token: every call needs 'authorization: Bearer <token>'; a missing or wrong token is UNAUTHENTICATED and
// changes nothing; the right one works, through the raw client and through tsnn/grpc's setup({ token }).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import * as sim from '../../frontend/grpc.js';
import type { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { network, population } from '../wasm/network-builders.js';
import { createSession, run, unary } from './raw-calls.js';
import { bearer, rawClient, startServer, type RunningServer } from './server-process.js';

const token = 'c0rrect-h0rse-battery-staple';
let server: RunningServer;
let client: SimulatorClient;

test.before(async () => {
  server = await startServer(['--token', token]);
  client = rawClient(server.address);
});

test.after(async () => {
  client?.close();
  await server?.stop();
});

const small = () => network(0.1, 1n, [population('a', 2, 'IF_curr_exp', { i_offset: 1.0 })]);

test('no authorization metadata: UNAUTHENTICATED on unary, upload and streaming calls', async () => {
  const info = await unary(client, client.getInfo, {});
  assert.is(info.error?.code, grpc.status.UNAUTHENTICATED);
  assert.match(info.error!.details, /requires a token/);
  const created = await createSession(client, small());
  assert.is(created.error?.code, grpc.status.UNAUTHENTICATED);
  const ran = await run(client, { sessionId: 'x', steps: 1n });
  assert.is(ran.error?.code, grpc.status.UNAUTHENTICATED);
});

test('a wrong token, a token without the Bearer scheme, a prefix of the token: UNAUTHENTICATED', async () => {
  for (const header of [`Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, token, `bearer ${token}`, 'Bearer ']) {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', header);
    const info = await unary(client, client.getInfo, {}, metadata);
    assert.is(info.error?.code, grpc.status.UNAUTHENTICATED, `'${header}' was accepted`);
  }
});

test('a refused client cannot touch a session it learned the id of', async () => {
  const created = await createSession(client, small(), bearer(token));
  assert.not.ok(created.error, created.error?.details);
  const sessionId = created.response!.sessionId;
  const closed = await unary(client, client.closeSession, { sessionId }, bearer('guess'));
  assert.is(closed.error?.code, grpc.status.UNAUTHENTICATED);
  const info = await unary(client, client.getInfo, {}, bearer(token));
  assert.is(info.response!.limits!.activeSessions, 1);
  assert.not.ok((await unary(client, client.closeSession, { sessionId }, bearer(token))).error);
});

test("the right token through tsnn/grpc's setup({ token }): a run completes; a wrong one fails with UNAUTHENTICATED", async () => {
  await sim.setup({ timestep: 0.1, server: server.address, token });
  const cell = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 1.0 }));
  cell.record('spikes');
  await sim.run(50);
  const train = (await cell.getData()).segments[0]!.spiketrains[0]!;
  // First threshold crossing of the charging curve: 20·ln 4 ms, on the next grid point.
  assert.ok(train.times.length > 0, 'the driven cell fired');
  assert.ok(Math.abs(train.times[0]! - Math.ceil((20 * Math.log(4)) / 0.1) * 0.1) < 1e-9, `first spike at ${train.times[0]} ms`);
  await sim.end();

  await sim.setup({ timestep: 0.1, server: server.address, token: 'wrong' });
  new sim.Population(1, new sim.IF_curr_exp());
  let failure: unknown;
  try {
    await sim.run(1);
  } catch (error) {
    failure = error;
  }
  assert.instance(failure, sim.EngineError);
  assert.is((failure as InstanceType<typeof sim.EngineError>).code, 'UNAUTHENTICATED');
  await sim.end().catch(() => undefined);
});

test.run();
