// Starts the built tsnn-server on 127.0.0.1 with a free port (--listen 127.0.0.1:0 --port-file) and stops it by
// its PID. Shared by the test/server suites; a missing binary is a failure, never a skip.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { SimulatorClient } from '../../frontend/generated/tsnn/v1/simulator.js';

export const serverBinary = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'native', 'gpu-server', 'tsnn-server');

export interface RunningServer {
  address: string;
  process: ChildProcess;
  /** Everything the server wrote to stderr so far (its log). */
  log(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still there. */
  stop(graceMs?: number): Promise<number | string>;
}

/** The same server built with its CUDA engine (scripts/build.mjs, step 'cuda'); absent where nvcc is. */
export const cudaServerBinary = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'native-cuda', 'gpu-server', 'tsnn-server');

export async function startServer(args: string[] = [], binary = serverBinary): Promise<RunningServer> {
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: build it with 'node scripts/build.mjs --only=native,cuda'`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-server-test-'));
  const portFile = join(dir, 'port');
  const child = spawn(binary, ['--listen', '127.0.0.1:0', '--port-file', portFile, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A test process that dies early must not leave its server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  child.on('exit', () => process.off('exit', killOnExit));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const deadline = Date.now() + 10_000;
  let port = '';
  while (!port) {
    if (child.exitCode !== null) throw new Error(`tsnn-server exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`tsnn-server wrote no port file within 10 s: ${stderr}`);
    }
    if (existsSync(portFile)) port = readFileSync(portFile, 'utf8').trim();
    else await new Promise((r) => setTimeout(r, 20));
  }
  // The server logs "listening on ..." just after writing the port file, and its start-up lines before that; wait
  // for them to arrive through the pipe, so that log() holds them (a test read it before any chunk had come).
  while (!stderr.includes('listening on ')) {
    if (child.exitCode !== null) throw new Error(`tsnn-server exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`tsnn-server logged no "listening on" line within 10 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  rmSync(dir, { recursive: true, force: true });
  const address = `127.0.0.1:${port}`;
  return {
    address,
    process: child,
    log: () => stderr,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

export function rawClient(address: string): SimulatorClient {
  return new SimulatorClient(address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 64 << 20 });
}

export function bearer(token: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

/** Runs `body` against a fresh server started with `args` and a raw client of it; both are stopped afterwards. */
export async function withServer(args: string[], body: (server: RunningServer, client: SimulatorClient) => Promise<void>): Promise<void> {
  const server = await startServer(args);
  const client = rawClient(server.address);
  try {
    await body(server, client);
  } finally {
    client.close();
    await server.stop();
  }
}

/** Polls `condition` every 50 ms for at most `ms`; its last value. */
export async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return condition();
}
