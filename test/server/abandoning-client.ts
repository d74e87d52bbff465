// A client process for disconnect.test.ts: uploads the busy network to the server named in argv[2], starts an
// endless run and prints "running" at the first event; the test then kills this process, so the connection
// drops the way it does when a user's script dies.
import * as grpc from '@grpc/grpc-js';
import { busyNetwork, endlessSteps } from './busy-network.js';
import { createSession } from './raw-calls.js';
import { rawClient } from './server-process.js';

const client = rawClient(process.argv[2]!);
const created = await createSession(client, busyNetwork());
if (created.error) {
  console.log(`error ${created.error.details}`);
  process.exit(1);
}
const stream = client.run({ sessionId: created.response!.sessionId, steps: endlessSteps, progressEverySteps: 50, chunkSteps: 0 }, new grpc.Metadata());
let announced = false;
stream.on('data', () => {
  if (!announced) console.log('running');
  announced = true;
});
stream.on('error', (error: grpc.ServiceError) => console.log(`error ${error.details}`));
