// A client that cancels or disconnects mid-run: the run stops at the next step boundary, the session stays
// usable from the step it reached, and the server goes on serving other sessions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import type { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { network, population } from '../wasm/network-builders.js';
import { busyNetwork, endlessSteps } from './busy-network.js';
import { createSession, run, unary } from './raw-calls.js';
import { rawClient, startServer, type RunningServer } from './server-process.js';

const here = dirname(fileURLToPath(import.meta.url));
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

test('cancelling a run: CANCELLED for the client, the session continues from the step it reached', async () => {
  const created = await createSession(client, busyNetwork());
  assert.not.ok(created.error, created.error?.details);
  const sessionId = created.response!.sessionId;
  const started = Date.now();
  const cancelled = await run(client, { sessionId, steps: endlessSteps, progressEverySteps: 50 }, { cancelAfterEvents: 3 });
  assert.is(cancelled.error?.code, grpc.status.CANCELLED);
  assert.ok(Date.now() - started < 10_000, 'the cancelled run should end promptly');
  // The server notices at its next piece and logs where the run stopped; wait for that line.
  const deadline = Date.now() + 5000;
  while (!/run cancelled at step \d+/.test(server.log()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const reached = Number(/run cancelled at step (\d+)/.exec(server.log())?.[1]);
  const lastProgress = Math.max(...cancelled.events.map((e) => (e.event?.$case === 'progress' ? Number(e.event.value.step) : 0)));
  assert.ok(lastProgress >= 50, 'progress events arrived before the cancel');
  assert.ok(reached >= lastProgress && reached < Number(endlessSteps), `stopped at step ${reached}, last progress at ${lastProgress}`);
  // The same session runs on: 100 more steps end at exactly reached + 100.
  const more = await run(client, { sessionId, steps: 100n });
  assert.not.ok(more.error, more.error?.details);
  const complete = more.events.at(-1)?.event;
  assert.is(complete?.$case, 'complete');
  assert.is(complete?.$case === 'complete' ? complete.value.step : -1n, BigInt(reached + 100));
  await unary(client, client.closeSession, { sessionId });
});

test('a client that disconnects mid-run: the server keeps serving, a new session runs to completion', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'abandoning-client.ts'), server.address], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running')) resolve();
      if (output.includes('error')) reject(new Error(output));
    });
    child.on('exit', () => reject(new Error(`the client exited before its run started: ${output}`)));
  });
  child.kill('SIGKILL');
  const deadline = Date.now() + 5000;
  while ((server.log().match(/run cancelled at step/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.is((server.log().match(/run cancelled at step/g) ?? []).length, 2, 'the abandoned run stopped');

  // A fresh session: one cell under constant current, 100 ms, fires at the times the closed form gives.
  const fresh = await createSession(client, network(0.1, 1n, [population('cell', 1, 'IF_curr_exp', { i_offset: 1.0, tau_refrac: 2 })]));
  assert.not.ok(fresh.error, fresh.error?.details);
  const ran = await run(client, { sessionId: fresh.response!.sessionId, steps: 1000n });
  assert.not.ok(ran.error, ran.error?.details);
  const steps = ran.events.flatMap((e) => (e.event?.$case === 'data' ? e.event.value.spikeSteps.map(Number) : []));
  // V(t) = v_rest + R·I·(1 − e^(−t/τ)) reaches v_thresh after t* = −τ·ln(1 − (v_thresh − v_rest)/(R·I)) = 20·ln 4 ms;
  // after each spike V is held for tau_refrac, then charges from v_reset = v_rest again. Spikes land on the first
  // grid step at or after each crossing.
  const crossing = -20 * Math.log(1 - 15 / 20);
  const expected = [Math.ceil(crossing / 0.1 - 1e-9)];
  while (true) {
    const next = Math.ceil((expected.at(-1)! * 0.1 + 2 + crossing) / 0.1 - 1e-9);
    if (next > 1000) break;
    expected.push(next);
  }
  assert.equal(steps, expected);
  const info = await unary(client, client.getInfo, {});
  assert.is(info.response!.protocol, 'tsnn.v1');
});

test.run();
