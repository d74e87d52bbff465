// The functions that take a V8 CPU profile's time, by self time: the profile of the thread with the most samples
// in a --cpu-prof folder (the wasm engine runs in a worker thread), or of every thread with --all (the engine's
// helper threads write profiles of their own), optionally only the samples with a given function on their stack.
// With the module of `node wasm/build.mjs --profiling` the core's functions have names.
//   TSNN_WASM_DIR=wasm/dist-profiling node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/brunel_stdp.ts 30
//   node bench/cpuprofile-top.mjs /tmp/prof [--under tsnn::Simulation::run] [--top 15] [--all]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, ...rest] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node bench/cpuprofile-top.mjs FOLDER [--under FUNCTION_PREFIX] [--top N] [--all]');
  process.exit(2);
}
const option = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const under = option('--under');
const top = Number(option('--top') ?? 15);

const profiles = readdirSync(folder).filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')));
if (profiles.length === 0) throw new Error(`no .cpuprofile files in ${folder}`);
function printTop(profile, label) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const nameOf = (id) => nodes.get(id).callFrame.functionName || '(anonymous)';

  const self = new Map();
  let counted = 0;
  for (const sample of profile.samples) {
    if (under !== undefined) {
      let id = sample;
      while (id !== undefined && !nameOf(id).startsWith(under)) id = parent.get(id);
      if (id === undefined) continue;
    }
    self.set(nameOf(sample), (self.get(nameOf(sample)) ?? 0) + 1);
    counted += 1;
  }
  console.log(`${label}${counted} of ${profile.samples.length} samples${under ? ` under ${under}` : ''}`);
  for (const [name, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * count) / counted).toFixed(1).padStart(5)} %  ${name.slice(0, 140)}`);
  }
}

const bySize = [...profiles].sort((a, b) => b.samples.length - a.samples.length);
if (rest.includes('--all')) bySize.forEach((p, k) => printTop(p, `thread ${k + 1} of ${bySize.length}: `));
else printTop(bySize[0], '');
