// --tls-cert/--tls-key: the server speaks TLS; a client that trusts the certificate gets through (with the token),
// a plain-text client does not. The certificate is made for the test with openssl (self-signed, CN/SAN 127.0.0.1).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as sim from '../../frontend/grpc.js';
import { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';
import { unary } from './raw-calls.js';
import { bearer, rawClient, startServer, type RunningServer } from './server-process.js';

const token = 'tls-test-token';
let dir = '';
let server: RunningServer;
let certificate: Buffer;

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsnn-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  certificate = readFileSync(join(dir, 'cert.pem'));
  server = await startServer(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'), '--token', token]);
});

test.after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a client trusting the certificate gets GetInfo; a plain-text client does not', async () => {
  const secure = new SimulatorClient(server.address, grpc.credentials.createSsl(certificate));
  const info = await unary(secure, secure.getInfo, {}, bearer(token));
  assert.not.ok(info.error, info.error?.details);
  assert.is(info.response!.protocol, 'tsnn.v1');
  secure.close();
  const plain = rawClient(server.address);
  const refused = await unary(plain, plain.getInfo, {}, bearer(token));
  assert.ok(refused.error, 'plain text was accepted by a TLS server');
  plain.close();
  assert.match(server.log(), /\(TLS, token required\)/);
});

test("tsnn/grpc's setup({ tls: { rootCert }, token }) runs a script over TLS", async () => {
  await sim.setup({ timestep: 0.1, server: server.address, token, tls: { rootCert: certificate } });
  const cell = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 1.0 }));
  cell.record('spikes');
  await sim.run(30);
  const times = (await cell.getData()).segments[0]!.spiketrains[0]!.times;
  // The first threshold crossing of the charging curve, 20·ln 4 ms, on the next grid point.
  assert.is(times.length, 1);
  assert.ok(Math.abs(times[0]! - Math.ceil((20 * Math.log(4)) / 0.1) * 0.1) < 1e-9, `spike at ${times[0]} ms`);
  await sim.end();
});

test.run();
