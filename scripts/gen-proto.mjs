#!/usr/bin/env node
// Regenerates frontend/generated/ from proto/ with the npm `protoc` binary and ts-proto, so the output depends only
// on package-lock.json. `--check` writes to a temporary folder and exits 1 when the committed files differ.
// The exported functions take a proto root so that tests can generate from a modified copy of proto/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, mkdirSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'frontend', 'generated');
export const defaultProtoRoot = join(root, 'proto');
export const generatedDir = target;
export const protoFiles = ['tsnn/v1/model.proto', 'tsnn/v1/simulator.proto'];
const options = 'outputServices=grpc-js,esModuleInterop=true,env=node,importSuffix=.js,useOptionals=messages,forceLong=bigint,oneof=unions-value,useDate=false,outputJsonMethods=false';

/** Runs protoc + ts-proto on `protoFiles` found under `protoRoot`, writing into `outDir`. */
export function generate(outDir, protoRoot = defaultProtoRoot) {
  mkdirSync(outDir, { recursive: true });
  execFileSync(join(root, 'node_modules', '.bin', 'protoc'), [
    `--plugin=protoc-gen-ts_proto=${join(root, 'node_modules', '.bin', 'protoc-gen-ts_proto')}`,
    `--ts_proto_out=${outDir}`,
    `--ts_proto_opt=${options}`,
    `-I${protoRoot}`,
    ...protoFiles,
  ], { stdio: ['ignore', 'inherit', 'inherit'] });
}

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Returns a list of differences between two generated trees (empty when identical). */
export function compareTrees(a, b) {
  const diffs = [];
  const fa = existsSync(a) ? listFiles(a).map((p) => relative(a, p)).sort() : [];
  const fb = existsSync(b) ? listFiles(b).map((p) => relative(b, p)).sort() : [];
  for (const f of new Set([...fa, ...fb])) {
    if (!fa.includes(f)) diffs.push(`missing in ${a}: ${f}`);
    else if (!fb.includes(f)) diffs.push(`missing in ${b}: ${f}`);
    else if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) diffs.push(`differs: ${f}`);
  }
  return diffs;
}

/** Generates into a fresh temporary folder and returns its path (caller removes it). */
export function generateFresh(protoRoot = defaultProtoRoot) {
  const tmp = mkdtempSync(join(tmpdir(), 'tsnn-proto-'));
  generate(tmp, protoRoot);
  return tmp;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tmp = generateFresh();
  try {
    if (process.argv.includes('--check')) {
      const diffs = compareTrees(tmp, target);
      if (diffs.length) {
        console.error('frontend/generated is stale; run `npm run gen:proto`:\n  ' + diffs.join('\n  '));
        process.exit(1);
      }
      console.log('frontend/generated is up to date');
    } else {
      rmSync(target, { recursive: true, force: true });
      cpSync(tmp, target, { recursive: true });
      console.log(`generated ${listFiles(target).length} files into ${relative(root, target)}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
