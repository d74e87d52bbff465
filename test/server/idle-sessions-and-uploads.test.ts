// Clients that vanish: a session nobody calls for --session-idle-seconds is closed (before session 23 it held its
// slot until the server stopped, and two of them locked out every other client of a --max-sessions 2 server), and
// an upload in progress holds a session slot and its announced bytes (twelve stalled uploads once held 784 MB
// under a 64 MB limit). Both found by fuzzing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import { CreateSessionChunk } from '../../frontend/generated/tsnn/v1/simulator.js';
import { network, population } from '../wasm/network-builders.js';
import { createSession, unary } from './raw-calls.js';
import { waitFor, withServer } from './server-process.js';

const oneCell = () => network(0.1, 1n, [population('one', 1, 'IF_curr_exp', {})]);


test('a session without a call for --session-idle-seconds is closed, and its slot is free again', async () => {
  await withServer(['--session-idle-seconds', '1', '--max-sessions', '1'], async (server, client) => {
    const created = await createSession(client, oneCell());
    assert.not.ok(created.error, created.error?.details);
    const sessionId = created.response!.sessionId;
    // Used within the second: still open.
    await new Promise((r) => setTimeout(r, 600));
    const used = await unary(client, client.reset, { sessionId });
    assert.not.ok(used.error, used.error?.details);
    assert.ok(await waitFor(() => /closed after 1 s without a call \(--session-idle-seconds\); 0 open/.test(server.log()), 5000), server.log());
    const gone = await unary(client, client.reset, { sessionId });
    assert.is(gone.error?.code, grpc.status.NOT_FOUND);
    assert.match(gone.error!.details, /idle for longer than --session-idle-seconds/);
    const next = await createSession(client, oneCell());
    assert.not.ok(next.error, next.error?.details);
  });
});

test('an upload in progress holds a session slot: a second client waits for it, and a cancelled one frees it', async () => {
  await withServer(['--max-sessions', '1'], async (server, client) => {
    let firstDone: (value: grpc.ServiceError | null) => void = () => {};
    const first = new Promise<grpc.ServiceError | null>((resolve) => (firstDone = resolve));
    const stalled = client.createSession(new grpc.Metadata(), (error) => firstDone(error));
    stalled.write(CreateSessionChunk.fromPartial({ part: { $case: 'header', value: { networkBytes: 1000n, engine: '', client: 'stalled' } } }));
    stalled.write({ part: { $case: 'networkChunk', value: Buffer.alloc(100) } });
    await new Promise((r) => setTimeout(r, 300));
    const refused = await createSession(client, oneCell());
    assert.is(refused.error?.code, grpc.status.RESOURCE_EXHAUSTED);
    assert.match(refused.error!.details, /already holds 1 sessions, the most --max-sessions allows \(1\)/);
    stalled.cancel();
    assert.is((await first)?.code, grpc.status.CANCELLED);
    assert.ok(await waitFor(() => /the client cancelled the upload|upload: truncated/.test(server.log()), 5000), server.log());
    const accepted = await createSession(client, oneCell());
    assert.not.ok(accepted.error, accepted.error?.details);
  });
});

test.run();
