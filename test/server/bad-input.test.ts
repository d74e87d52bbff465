// Faults a client can send, each answered with the status of the contract's error model (simulator.proto) and a
// message that starts with the field path; after every one the server still answers GetInfo.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import { Network } from '../../frontend/generated/tsnn/v1/model.js';
import type { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { network, population, scalar } from '../wasm/network-builders.js';
import { connections, createSession, run, unary, upload, type Outcome } from './raw-calls.js';
import { rawClient, startServer, type RunningServer } from './server-process.js';

const maxMemory = 16 << 20;
let server: RunningServer;
let client: SimulatorClient;

test.before(async () => {
  server = await startServer(['--max-memory', '16M']);
  client = rawClient(server.address);
});

test.after(async () => {
  client?.close();
  await server?.stop();
});

function assertStatus(outcome: Outcome<unknown>, code: grpc.status, details: RegExp) {
  assert.ok(outcome.error, `expected status ${grpc.status[code]}, the call succeeded`);
  assert.is(grpc.status[outcome.error!.code], grpc.status[code], outcome.error!.details);
  assert.match(outcome.error!.details, details);
}

async function assertStillServing() {
  const info = await unary(client, client.getInfo, {});
  assert.not.ok(info.error, info.error?.details);
  assert.is(info.response!.protocol, 'tsnn.v1');
}

const allCells = { population: 0, cells: { $case: 'all' as const, value: true } };
const small = () => network(0.1, 3n, [population('a', 10, 'IF_curr_exp', { i_offset: 1.0 })]);

async function openSmallSession(): Promise<string> {
  const created = await createSession(client, small());
  assert.not.ok(created.error, created.error?.details);
  return created.response!.sessionId;
}

test('garbage bytes as the Network: INVALID_ARGUMENT naming the network', async () => {
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02, 0x03, 0x04, 0x05]);
  assertStatus(await upload(client, garbage.length, [garbage]), grpc.status.INVALID_ARGUMENT, /^network: /);
  await assertStillServing();
});

/** Sends `bytes` as the request of the unary rpc at `path`, bypassing the generated encoder. */
function rawUnary(path: string, bytes: Buffer): Promise<Outcome<Buffer>> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, bytes, (error, response) =>
      resolve(error ? { error } : { response }));
  });
}

test('bytes that are no message at all, to a unary rpc: INVALID_ARGUMENT naming the request and the rpc', async () => {
  // Before, gRPC's own parser answered INTERNAL with an empty message. 0xff... is a field number with no end.
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  for (const rpc of ['GetState', 'SetParameters', 'Reset', 'GetInfo']) {
    assertStatus(await rawUnary(`/tsnn.v1.Simulator/${rpc}`, garbage), grpc.status.INVALID_ARGUMENT,
      new RegExp(`^request: the bytes received are not a valid protobuf encoding of the ${rpc} request message`));
  }
  await assertStillServing();
});

test('a stream without its header: INVALID_ARGUMENT', async () => {
  const bytes = Network.encode(small()).finish();
  assertStatus(await upload(client, 0, [bytes], { withHeader: false }), grpc.status.INVALID_ARGUMENT, /^upload\[0\]: the first message must be the header/);
  await assertStillServing();
});

test('a truncated upload (the client ends the stream early): INVALID_ARGUMENT, nothing built', async () => {
  const bytes = Network.encode(small()).finish();
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  const outcome = await upload(client, bytes.length, [half]);
  assertStatus(outcome, grpc.status.INVALID_ARGUMENT, new RegExp(`^upload: truncated: the stream ended after ${half.length} of the ${bytes.length} bytes`));
  const info = await unary(client, client.getInfo, {});
  assert.is(info.response!.limits!.activeSessions, 0);
});

test('more bytes than the header announced: RESOURCE_EXHAUSTED before building', async () => {
  const bytes = Network.encode(small()).finish();
  assertStatus(await upload(client, bytes.length - 1, [bytes]), grpc.status.RESOURCE_EXHAUSTED, /^upload\[1\]: the stream carries more than/);
  await assertStillServing();
});

test('a header announcing more than --max-memory: RESOURCE_EXHAUSTED without reading the body', async () => {
  assertStatus(await upload(client, maxMemory + 1, []), grpc.status.RESOURCE_EXHAUSTED, /^header\.network_bytes: /);
  await assertStillServing();
});

test('a network whose estimated engine memory exceeds --max-memory: RESOURCE_EXHAUSTED', async () => {
  // 3000 x 3000 all-to-all = 9·10^6 connections of at least a 4-byte target and a 4-byte weight: 72 MB, far
  // beyond 16 MiB whatever the engine's other overheads.
  const net = network(0.1, 3n, [population('a', 3000, 'IF_curr_exp', {})], [{
    label: 'dense',
    weightSign: 0,
    pre: { parts: [allCells], label: '' },
    post: { parts: [allCells], label: '' },
    connector: { rule: { $case: 'allToAll', value: { selfConnections: 0 } }, safe: true, sourceFile: '' },
    synapse: { weight: scalar(0.1), delay: scalar(1), dynamics: { $case: 'staticSynapse', value: {} } },
    receptorType: 'excitatory',
    annotations: [],
  }]);
  assertStatus(await createSession(client, net), grpc.status.RESOURCE_EXHAUSTED, /^network: needs about \d+ bytes of engine memory/);
  await assertStillServing();
});

test('asking for the CUDA engine of a CPU-only build: INVALID_ARGUMENT naming header.engine', async () => {
  const outcome = await new Promise<Outcome<unknown>>((resolve) => {
    const call = client.createSession(new grpc.Metadata(), (error, response) => resolve(error ? { error } : { response }));
    call.write({ part: { $case: 'header', value: { networkBytes: 0n, engine: 'cuda', client: 'test' } } });
    call.end();
  });
  assertStatus(outcome, grpc.status.INVALID_ARGUMENT, /^header\.engine: this server was built without the CUDA engine/);
});

test('unknown and closed session ids: NOT_FOUND on every session rpc', async () => {
  const unknown = '0123456789abcdef0123456789abcdef';
  assertStatus(await unary(client, client.reset, { sessionId: unknown }), grpc.status.NOT_FOUND, /^request\.session_id: /);
  assertStatus(await unary(client, client.getState, { sessionId: '', cells: allCells, names: ['v'] }), grpc.status.NOT_FOUND, /^request\.session_id: /);
  const ran = await run(client, { sessionId: unknown, steps: 10n });
  assert.is(ran.error?.code, grpc.status.NOT_FOUND);
  const id = await openSmallSession();
  assert.not.ok((await unary(client, client.closeSession, { sessionId: id })).error);
  assertStatus(await unary(client, client.closeSession, { sessionId: id }), grpc.status.NOT_FOUND, /^request\.session_id: /);
  assertStatus(await unary(client, client.reset, { sessionId: id }), grpc.status.NOT_FOUND, /^request\.session_id: /);
  await assertStillServing();
});

test('out-of-range indices: INVALID_ARGUMENT with the field path; the session stays usable', async () => {
  const id = await openSmallSession();
  assertStatus(
    await unary(client, client.getState, { sessionId: id, cells: { population: 0, cells: { $case: 'indices', value: { values: [3, 1000] } } }, names: ['v'] }),
    grpc.status.INVALID_ARGUMENT,
    /^request\.cells\.indices\.values\[1\]: index 1000 is out of range/,
  );
  assertStatus(
    await unary(client, client.getState, { sessionId: id, cells: { population: 7, cells: { $case: 'all', value: true } }, names: ['v'] }),
    grpc.status.INVALID_ARGUMENT,
    /^request\.cells\.population: /,
  );
  assertStatus(await connections(client, { sessionId: id, projection: 4 }), grpc.status.INVALID_ARGUMENT, /^request\.projection: /);
  const state = await unary(client, client.getState, { sessionId: id, cells: allCells, names: ['v'] });
  assert.equal(state.response!.values['v']!.values, new Array(10).fill(-65));
  await unary(client, client.closeSession, { sessionId: id });
});

test('NaN and infinite parameters: INVALID_ARGUMENT naming the parameter; the values are unchanged', async () => {
  const id = await openSmallSession();
  assertStatus(
    await unary(client, client.setParameters, { sessionId: id, cells: allCells, parameters: { tau_m: scalar(NaN) } }),
    grpc.status.INVALID_ARGUMENT,
    /^request\.parameters\["tau_m"\]\.scalar: must be a finite number/,
  );
  assertStatus(
    await unary(client, client.initialize, { sessionId: id, cells: allCells, initialValues: { v: scalar(Infinity) } }),
    grpc.status.INVALID_ARGUMENT,
    /^request\.initial_values\["v"\]\.scalar: /,
  );
  const state = await unary(client, client.getState, { sessionId: id, cells: allCells, names: ['tau_m'] });
  assert.equal(state.response!.values['tau_m']!.values, new Array(10).fill(20));
  await unary(client, client.closeSession, { sessionId: id });
  await assertStillServing();
});

test.run();
