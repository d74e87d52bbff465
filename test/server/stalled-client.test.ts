// A client that stops reading a Run stream but keeps its connection open blocks the server's write on gRPC's flow
// control. Before session 23 that held the session, its memory and a thread until the server stopped, and
// CloseSession answered OK while the run went on (found by fuzzing). Now closing the session cancels a call whose
// write stays blocked, and a watchdog cancels any call whose client has read nothing for --write-stall-seconds. Also here: a network
// libprotobuf cannot parse (a label that is not UTF-8) is refused before it is built, and what a client sends
// cannot forge a log line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import { Network, type Population } from '../../frontend/generated/tsnn/v1/model.js';
import type { RunEvent, SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { fixedProbability, network, population } from '../wasm/network-builders.js';
import { endlessSteps } from './busy-network.js';
import { createSession, unary, upload } from './raw-calls.js';
import { waitFor, withServer } from './server-process.js';

/** 2000 cells whose v is recorded every step: each piece's data outgrow any flow-control window. */
function recordingNetwork(): Network {
  const net = network(0.1, 5n, [population('cells', 2000, 'IF_curr_exp', { i_offset: 0.5 })]);
  net.recordings.push({ population: 0, variable: 'v', cells: { population: 0, cells: { $case: 'all', value: true } }, samplingInterval: 0 });
  return net;
}

/** Starts an endless run and stops reading after its first event, keeping the call open. */
function stalledRun(client: SimulatorClient, sessionId: string): Promise<{ error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const stream = client.run({ sessionId, steps: endlessSteps, progressEverySteps: 1, chunkSteps: 1 });
    stream.once('data', (_event: RunEvent) => stream.pause());
    stream.on('error', (error: grpc.ServiceError) => resolve({ error }));
    stream.on('end', () => resolve({}));
  });
}


test('CloseSession ends a run whose client stopped reading; the slot and memory are free again', async () => {
  await withServer(['--max-sessions', '1'], async (server, client) => {
    const created = await createSession(client, recordingNetwork());
    assert.not.ok(created.error, created.error?.details);
    const sessionId = created.response!.sessionId;
    const stalled = stalledRun(client, sessionId);
    assert.ok(await waitFor(() => /run: 100000000 steps/.test(server.log()), 5000), 'the run started');
    await new Promise((r) => setTimeout(r, 500));  // the server's writes are blocked by now
    const closed = await unary(client, client.closeSession, { sessionId });
    assert.not.ok(closed.error, closed.error?.details);
    assert.ok(await waitFor(() => /run cancelled at step \d+ of 100000000/.test(server.log()), 5000), server.log());
    (await stalled);
    // The one slot is free: a new session is built and runs.
    const again = await createSession(client, network(0.1, 1n, [population('one', 1, 'IF_curr_exp', {})]));
    assert.not.ok(again.error, again.error?.details);
  });
});

test('--write-stall-seconds: a run whose client reads nothing for that long is cancelled; the session stays usable', async () => {
  await withServer(['--write-stall-seconds', '1'], async (server, client) => {
    const created = await createSession(client, recordingNetwork());
    assert.not.ok(created.error, created.error?.details);
    const sessionId = created.response!.sessionId;
    void stalledRun(client, sessionId);
    assert.ok(await waitFor(() => /has read nothing for 1 s \(--write-stall-seconds\); its call is cancelled/.test(server.log()), 8000), server.log());
    assert.ok(await waitFor(() => /run cancelled at step \d+/.test(server.log()), 5000), server.log());
    const state = await unary(client, client.getState, { sessionId, cells: { population: 0, cells: { $case: 'all', value: true } }, names: ['v'] });
    assert.not.ok(state.error, state.error?.details);
    assert.is(state.response!.values['v']!.values.length, 2000);
  });
});

test('a network libprotobuf cannot parse (a label that is not UTF-8) is refused before it is built', async () => {
  await withServer(['--max-memory', '16M'], async (server, client) => {
    // 18000 x 18000 at p = 1: 3.2e8 synapses, far past 16 MB. With a valid label the estimate refuses it; with
    // an invalid one the server once built it (2.5 GB) before checking.
    const cells: Population = population('WXYZ', 18000, 'IF_curr_exp', {});
    const net = network(0.1, 1n, [cells], [fixedProbability(0, 0, 1.0, 0.001, 1, 'excitatory', 1n)]);
    const bytes = Buffer.from(Network.encode(net).finish());
    const at = bytes.indexOf('WXYZ');
    bytes.set([0xff, 0xfe, 0xff, 0xfe], at);
    const started = Date.now();
    const refused = await upload(client, bytes.length, [bytes]);
    assert.is(refused.error?.code, grpc.status.INVALID_ARGUMENT);
    assert.match(refused.error!.details, /network: not a valid tsnn\.v1\.Network message: libprotobuf cannot parse it/);
    assert.ok(Date.now() - started < 3000, 'refused at once, not after building');
  });
});

test('a client\'s text cannot start a line of the log', async () => {
  await withServer([], async (server, client) => {
    const forged = 'x\n2026-01-01T00:00:00.000Z tsnn-server session deadbeef closed; 0 open';
    const call = await new Promise<{ error?: grpc.ServiceError }>((resolve) => {
      const stream = client.createSession(new grpc.Metadata(), (error) => resolve(error ? { error } : {}));
      stream.write({ part: { $case: 'header', value: { networkBytes: 10n, engine: forged, client: forged } } });
      stream.end();
    });
    assert.is(call.error?.code, grpc.status.INVALID_ARGUMENT);
    // The log line comes through the pipe after the answer: wait for it (on a busy machine it came later).
    assert.ok(await waitFor(() => /x\\x0a2026-01-01T00:00:00\.000Z/.test(server.log()), 5000), server.log());
    assert.not.match(server.log(), /\n2026-01-01T00:00:00\.000Z tsnn-server session deadbeef/);
  });
});

test.run();
