// Very large populations are refused up front with MemoryError naming the population, its size and what is allowed,
// instead of V8 aborting the process ("JavaScript heap out of memory") while their positions are encoded, and the
// simulation goes on. The heap is faked (replaceJsHeapForTesting) or a child Node gets a 64 MB heap: nothing here
// allocates more than a few tens of megabytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import * as sim from '../../frontend/wasm.js';
import { buildNetwork } from '../../frontend/build/current-network.js';
import { BUILD_HEAP_BYTES_PER_CELL, checkBuildHeap, checkEncoderHeap, ENCODER_HEAP_BYTES_PER_VALUE } from '../../frontend/build/encoding-heap.js';
import { replaceJsHeapForTesting } from '../../frontend/core/js-heap.js';
import { MemoryError } from '../../frontend/errors.js';
import { MAX_BUILDABLE_POPULATION_SIZE } from '../../frontend/populations/population.js';

const MiB = 2 ** 20;
const fakeHeap = (limitBytes: number, usedBytes: number) =>
  replaceJsHeapForTesting(() => ({ limitBytes, reservedBytes: 0, usedBytes, slotBytes: 8, raiseLimit: 'a larger heap' }));

test('the buildable limit is what 2 GiB of positions (24 bytes a cell) allows', () => {
  assert.is(MAX_BUILDABLE_POPULATION_SIZE, 89478485);
  assert.ok(MAX_BUILDABLE_POPULATION_SIZE * 24 <= 2 ** 31 && (MAX_BUILDABLE_POPULATION_SIZE + 1) * 24 > 2 ** 31);
});

test('the heap checks name the largest population, its size, the heap it needs and how many cells fit', () => {
  const restore = fakeHeap(100 * MiB, 20 * MiB);
  try {
    const free = 80 * MiB;
    for (const [check, bytesPerCell] of [[checkBuildHeap, BUILD_HEAP_BYTES_PER_CELL], [checkEncoderHeap, ENCODER_HEAP_BYTES_PER_VALUE]] as const) {
      const fitting = Math.floor(free / bytesPerCell);
      check([{ label: 'a', size: fitting }, { label: 'b', size: 10 }]);  // exactly fits
      let error: unknown;
      try {
        check([{ label: 'small', size: 10 }, { label: 'sheet', size: fitting + 1 }]);
      } catch (e) {
        error = e;
      }
      assert.instance(error, MemoryError);
      const message = (error as Error).message;
      assert.match(message, `Population 'sheet': ${fitting + 1} cells are too many to encode into the network message`);
      assert.match(message, `of JavaScript heap for them (${bytesPerCell} bytes a cell), and 0.084 GB of the 0.105 GB heap limit is free`);
      assert.match(message, `enough for at most ${fitting} cells. Nothing was built; use fewer cells, or a larger heap.`);
    }
  } finally {
    restore();
  }
});

test('a population too large for the heap is refused at the first run; a new setup runs', async () => {
  await sim.setup({ timestep: 0.1 });
  const sheet = new sim.Population(20_000, new sim.IF_curr_exp(), { label: 'sheet', structure: new sim.Grid2D({ aspectRatio: 2 }) });
  const restore = fakeHeap(12 * MiB, 10 * MiB);  // room for about 14,000 cells at 150 bytes
  let error: unknown;
  try {
    await sim.run(1).catch((e: unknown) => (error = e));
  } finally {
    restore();
  }
  assert.instance(error, MemoryError);
  assert.match((error as Error).message, /^Population 'sheet': 20000 cells are too many to encode/);
  // The population is intact (200 × 100 grid, column-major as PyNN's).
  assert.equal(sheet.positions.map((axis) => axis.slice(0, 2)), [[0, 0], [0, 1], [0, 0]]);
  await sim.end();

  await sim.setup({ timestep: 0.1 });
  const small = new sim.Population(3, new sim.IF_curr_exp({ i_offset: 1 }), { label: 'small' });
  small.record('spikes');
  await sim.run(50);
  assert.equal([...small.getSpikeCounts().values()], [1, 1, 1]);
  assert.equal(buildNetwork().populations[0]!.positions, { x: [0, 1, 2], y: [0, 0, 0], z: [0, 0, 0] });
  await sim.end();
});

test('the heap the message itself takes (per-cell parameters) is counted before encoding', async () => {
  await sim.setup({ timestep: 0.1 });
  const rng = new sim.NumpyRNG({ seed: 7 });
  new sim.Population(2000, new sim.IF_curr_exp({ tau_m: new sim.RandomDistribution('uniform', [10, 20], rng) }), { label: 'varied' });
  // Room before the message is made; little once it exists (as if its arrays had filled the heap).
  let measurements = 0;
  const restore = replaceJsHeapForTesting(() => ({
    limitBytes: 100 * MiB, reservedBytes: 0, slotBytes: 8, usedBytes: measurements++ === 0 ? MiB : 100 * MiB - 150_000,
  }));
  let message = '';
  try {
    await sim.run(1).catch((e: Error) => (message = `${e.name}: ${e.message}`));
  } finally {
    restore();
  }
  assert.match(message, /^MemoryError: Population 'varied': 2000 cells are too many to encode into the network message in this process\. The protobuf encoder, writing one per-cell field at a time, needs about/);
  assert.ok(measurements >= 2, 'measured before and after the message was made');
  await sim.end();
});

// The real thing, in a child Node with a 64 MB heap: before, the first Population allocated 89 million cells' values
// (there the heap ran out at once) and the second aborted the process while its positions were encoded.
const child = `
const sim = await import(${JSON.stringify(new URL('../../frontend/wasm.js', import.meta.url).href)});
const out = {};
await sim.setup({ timestep: 0.1 });
try { new sim.Population(89478486, new sim.IF_curr_exp(), { label: 'cortex' }); } catch (e) { out.construct = [e.name, e.message]; }
new sim.Population(600000, new sim.IF_curr_exp(), { label: 'sheet' });
try { await sim.run(1); } catch (e) { out.build = [e.name, e.message]; }
await sim.end();
await sim.setup({ timestep: 0.1 });
const p = new sim.Population(3, new sim.IF_curr_exp({ i_offset: 1 }), { label: 'small' });
p.record('spikes');
await sim.run(50);
out.spikes = [...p.getSpikeCounts().values()];
await sim.end();
console.log(JSON.stringify(out));
`;

test('with a 64 MB heap: an unbuildable size and a too large build are MemoryErrors, not aborts; the process runs on', () => {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', '--input-type=module', '--eval', child], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (e) {
    const failure = e as { status: number | null; signal: string | null; stderr?: string };
    assert.unreachable(`the child ended with status ${failure.status} (${failure.signal}): ${(failure.stderr ?? '').slice(0, 400)}`);
    return;
  }
  const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  const [constructName, constructMessage] = out.construct as [string, string];
  assert.is(constructName, 'MemoryError');
  assert.match(constructMessage, "Population 'cortex': 89478486 cells can never be built; at most 89478485 are allowed");
  assert.match(constructMessage, '24 bytes a cell');
  const [buildName, buildMessage] = out.build as [string, string];
  assert.is(buildName, 'MemoryError');
  assert.match(buildMessage, /^Population 'sheet': 600000 cells are too many to encode into the network message/);
  assert.match(buildMessage, /enough for at most \d+ cells\. Nothing was built; use fewer cells, or start node with a larger --max-old-space-size/);
  assert.equal(out.spikes, [1, 1, 1]);
});

test.run();
