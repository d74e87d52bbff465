// Start-up: the engine choice of a CPU-only build, flags checked with a clear message and exit status 2, an
// address already in use refused with status 1.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { serverBinary, startServer } from './server-process.js';

function runServer(args: string[]) {
  const result = spawnSync(serverBinary, args, { encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stderr: result.stderr };
}

test('--engine cuda on a build without CUDA: exit 2 naming the missing engine', () => {
  const { status, stderr } = runServer(['--engine', 'cuda', '--listen', '127.0.0.1:0']);
  assert.is(status, 2);
  assert.match(stderr, /--engine cuda: this build has no CUDA engine/);
});

test('--engine auto logs one line saying it uses the CPU engine; GetInfo lists only cpu', async () => {
  const server = await startServer(['--engine', 'auto']);
  try {
    assert.is((server.log().match(/engine auto: .*sessions use the CPU engine/g) ?? []).length, 1);
    assert.match(server.log(), /listening on 127\.0\.0\.1:\d+ \(plain text, no token\)/);
  } finally {
    assert.is(await server.stop(), 0);
  }
});

test('bad flags: exit 2 with the flag and what is allowed', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--engine', 'gpu'], /--engine: expected cpu, cuda or auto, got 'gpu'/],
    [['--max-memory', '12Q'], /--max-memory: expected a whole number of bytes with an optional K, M, G or T suffix/],
    [['--max-sessions', '0'], /--max-sessions: expected a whole number in \[1, /],
    [['--listen', 'localhost'], /--listen: expected HOST:PORT/],
    [['--tls-cert', 'cert.pem'], /--tls-cert and --tls-key: give both/],
    [['--bogus'], /unknown flag '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const { status, stderr } = runServer(args);
    assert.is(status, 2, args.join(' '));
    assert.match(stderr, message);
  }
});

test('an address already in use: exit 1 saying it cannot listen', async () => {
  const first = await startServer();
  try {
    const { status, stderr } = runServer(['--listen', first.address]);
    assert.is(status, 1);
    assert.match(stderr, new RegExp(`cannot listen on ${first.address.replace(/\./g, '\\.')}`));
  } finally {
    await first.stop();
  }
});

test.run();
