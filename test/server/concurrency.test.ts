// One call at a time per session, other sessions unaffected: while one session runs, another session is served
// at once; a second call on the busy session waits for the run to end; closing a session stops its run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import type { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { network, population } from '../wasm/network-builders.js';
import { busyNetwork, endlessSteps } from './busy-network.js';
import { createSession, run, unary } from './raw-calls.js';
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

const all = { population: 0, cells: { $case: 'all' as const, value: true } };

/** Starts an endless run and resolves once it has produced its first event; `ended` settles when it stops. */
async function startEndlessRun(sessionId: string) {
  let cancel = () => undefined as void;
  let firstEvent!: () => void;
  const started = new Promise<void>((resolve) => (firstEvent = resolve));
  const ended = new Promise<grpc.ServiceError | undefined>((resolve) => {
    const stream = client.run({ sessionId, steps: endlessSteps, progressEverySteps: 50, chunkSteps: 0 }, new grpc.Metadata());
    cancel = () => stream.cancel();
    stream.on('data', () => firstEvent());
    stream.on('error', (error: grpc.ServiceError) => resolve(error));
    stream.on('end', () => resolve(undefined));
  });
  await started;
  return { ended, cancel };
}

test('while one session runs, another is served at once; a second call on the busy one waits for the run', async () => {
  const busy = (await createSession(client, busyNetwork())).response!.sessionId;
  const idle = (await createSession(client, network(0.1, 1n, [population('a', 3, 'IF_curr_exp', {})]))).response!.sessionId;
  const running = await startEndlessRun(busy);

  const before = Date.now();
  const other = await run(client, { sessionId: idle, steps: 100n });
  assert.not.ok(other.error, other.error?.details);
  assert.ok(Date.now() - before < 2000, 'the other session was not held up');

  let waited = false;
  const queued = unary(client, client.getState, { sessionId: busy, cells: all, names: ['v'] }).then((outcome) => {
    waited = true;
    return outcome;
  });
  await new Promise((r) => setTimeout(r, 300));
  assert.not.ok(waited, 'GetState ran while the session was running');
  running.cancel();
  assert.is((await running.ended)?.code, grpc.status.CANCELLED);
  const state = await queued;
  assert.not.ok(state.error, state.error?.details);
  assert.is(state.response!.values['v']!.values.length, 2000);
  for (const id of [busy, idle]) await unary(client, client.closeSession, { sessionId: id });
});

test('CloseSession during a run: the run ends CANCELLED, the id is gone', async () => {
  const busy = (await createSession(client, busyNetwork())).response!.sessionId;
  const running = await startEndlessRun(busy);
  assert.not.ok((await unary(client, client.closeSession, { sessionId: busy })).error);
  const error = await running.ended;
  assert.is(error?.code, grpc.status.CANCELLED);
  assert.match(error!.details, /the session was closed/);
  assert.is((await unary(client, client.reset, { sessionId: busy })).error?.code, grpc.status.NOT_FOUND);
  assert.is((await unary(client, client.getInfo, {})).response!.limits!.activeSessions, 0);
});

test.run();
