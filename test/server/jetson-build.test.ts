// scripts/jetson-build.sh, checked without a Jetson (--dry-run --force): which engine it configures for which
// board. The CUDA engine needs JetPack's nvcc (here a stand-in file: $CUDACXX) and a known board (the device-tree
// model, or TSNN_JETSON_MODEL); anything else builds the CPU engine only and says why.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(root, 'scripts', 'jetson-build.sh');
const dir = mkdtempSync(join(tmpdir(), 'tsnn-jetson-build-'));
const nvcc = join(dir, 'nvcc');
writeFileSync(nvcc, '#!/bin/sh\nexit 0\n');
chmodSync(nvcc, 0o755);

function dryRun(args: string[], env: Record<string, string> = {}): { status: number | null; out: string } {
  const child = spawnSync('bash', [script, '--dry-run', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CUDACXX: nvcc, TSNN_JETSON_MODEL: '', ...env },
  });
  return { status: child.status, out: child.stdout + child.stderr };
}

test('an Orin with nvcc: the CUDA engine for sm_87 only, and both binaries', () => {
  const { status, out } = dryRun(['--force'], { TSNN_JETSON_MODEL: 'NVIDIA Jetson AGX Orin Developer Kit' });
  assert.is(status, 0, out);
  assert.match(out, /GPU: sm_87/);
  assert.match(out, new RegExp(`-DTSNN_WITH_CUDA=ON -DCMAKE_CUDA_COMPILER=${nvcc} -DTSNN_CUDA_ARCHITECTURES=87`));
  assert.match(out, /--target tsnn-server tsnn-run/);
});

test('a Nano gets sm_53', () => {
  const { out } = dryRun(['--force'], { TSNN_JETSON_MODEL: 'NVIDIA Jetson Nano Developer Kit' });
  assert.match(out, /-DTSNN_CUDA_ARCHITECTURES=53/);
});

test('--no-cuda, a missing nvcc or an unknown board: the CPU engine only, and why', () => {
  const orin = { TSNN_JETSON_MODEL: 'Jetson AGX Orin' };
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--force', '--no-cuda'], orin, /CUDA engine: not built \(--no-cuda\)/],
    [['--force'], { ...orin, CUDACXX: join(dir, 'absent') }, /CUDA engine: not built \(.*absent is missing/],
    [['--force'], { TSNN_JETSON_MODEL: 'Some Board' }, /CUDA engine: not built \(unknown board 'Some Board'/],
  ];
  for (const [args, env, why] of cases) {
    const { status, out } = dryRun(args, env);
    assert.is(status, 0, out);
    assert.match(out, why);
    assert.not.match(out, /TSNN_WITH_CUDA/);
  }
});

test('not a Jetson without --force: refused', () => {
  if (existsSync('/etc/nv_tegra_release')) return;  // on a Jetson it builds
  const { status, out } = dryRun([]);
  assert.is(status, 2);
  assert.match(out, /this is not a Jetson/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
