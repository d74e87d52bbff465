// SIGTERM while a run is in progress: the run is cancelled at its next step boundary, the server drains and the
// process exits with status 0 within a few seconds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import { busyNetwork, endlessSteps } from './busy-network.js';
import { createSession } from './raw-calls.js';
import { rawClient, startServer } from './server-process.js';

test('SIGTERM during a run: the client sees the run end, the process exits 0 within 5 s', async () => {
  const server = await startServer();
  const client = rawClient(server.address);
  try {
    const created = await createSession(client, busyNetwork());
    assert.not.ok(created.error, created.error?.details);
    const ended = new Promise<grpc.ServiceError | undefined>((resolve, reject) => {
      const stream = client.run({ sessionId: created.response!.sessionId, steps: endlessSteps, progressEverySteps: 50, chunkSteps: 0 }, new grpc.Metadata());
      let signalled = false;
      stream.on('data', () => {
        if (!signalled) server.process.kill('SIGTERM');
        signalled = true;
      });
      stream.on('error', (error: grpc.ServiceError) => resolve(error));
      stream.on('end', () => reject(new Error('an endless run completed')));
    });
    const signalledAt = Date.now();
    const error = await ended;
    const code = await server.exited;
    assert.is(code, 0, server.log());
    assert.ok(Date.now() - signalledAt < 5000, `took ${Date.now() - signalledAt} ms`);
    assert.ok(error && [grpc.status.CANCELLED, grpc.status.UNAVAILABLE].includes(error.code), `run ended with ${error?.code} ${error?.details}`);
    assert.match(server.log(), /received SIGTERM/);
    assert.match(server.log(), /run cancelled at step \d+ of \d+: the server is shutting down/);
    assert.match(server.log(), /stopped\n$/);
  } finally {
    client.close();
    await server.stop(1000);
  }
});

test('SIGINT with no call in flight: exit 0', async () => {
  const server = await startServer();
  server.process.kill('SIGINT');
  assert.is(await server.exited, 0);
  assert.match(server.log(), /received SIGINT/);
});

test.run();
