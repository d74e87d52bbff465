// writeData: the .npz file loads with numpy (the independent reader) and holds the block's values; .json parses
// back to the same values; unsupported extensions raise IOError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingStore } from '../../frontend/results/recording-store.js';
import { writeData, encodeBlock } from '../../frontend/results/write-data.js';
import { IOError } from '../../frontend/errors.js';
import type { Block } from '../../frontend/results/block.js';
import { samplesMessage, spikesMessage } from './recorded-data.js';

function sampleBlock(): Block {
  const store = new RecordingStore();
  store.add(spikesMessage(0, [2, 0, 2], [15, 7, 3]));
  store.add(samplesMessage(0, 'v', 0, 6, 2, (k, c) => -70 + k + 0.25 * c));
  store.add(samplesMessage(0, 'AMPA.gsyn', 0, 3, 2, (k, c) => 0.001 * k + c));
  store.newSegment(2.0, { trial: 0 });
  store.add(spikesMessage(0, [1], [2]));
  store.add(samplesMessage(0, 'v', 0, 3, 2, (k) => -60 - k));
  return store.getBlock({
    population: 0,
    label: 'exc',
    dt: 0.1,
    currentTime: 0.2,
    recordings: [
      { variable: 'spikes', indices: [0, 1, 2], ids: [5, 6, 7] },
      { variable: 'v', indices: [0, 2], ids: [5, 7], units: 'mV', samplingInterval: 0.1 },
      { variable: 'AMPA.gsyn', indices: [0, 2], ids: [5, 7], units: 'uS', samplingInterval: 0.2 },
    ],
    description: 'Population "exc"',
    annotations: { size: 3, label: 'exc', dt: 0.1 },
  });
}

const PY_LOAD = `
import json, sys, zipfile, numpy
path = sys.argv[1]
assert zipfile.ZipFile(path).testzip() is None  # every CRC-32 checks
data = numpy.load(path)
print(json.dumps({k: {"dtype": str(data[k].dtype), "shape": list(data[k].shape), "values": data[k].tolist()} for k in data.files}))
`;

test('.npz loads with numpy and holds the block', async () => {
  const block = sampleBlock();
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-npz-'));
  try {
    const file = join(dir, 'exc.npz');
    await writeData(block, file);
    const output = execFileSync('/usr/bin/python3', ['-c', PY_LOAD, file], { cwd: dir, encoding: 'utf8' });
    const arrays = JSON.parse(output) as Record<string, { dtype: string; shape: number[]; values: unknown }>;
    const s0 = 'segment000/';
    assert.equal(arrays[`${s0}spike_times`], { dtype: 'float64', shape: [3], values: [0.7, 0.3, 1.5] });  // grid times: 7 · 0.1 reads 0.7
    assert.equal(arrays[`${s0}spike_source_index`].values, [0, 2, 2]);
    assert.equal(arrays[`${s0}spiketrain_counts`], { dtype: 'int64', shape: [3], values: [1, 0, 2] });
    assert.equal(arrays[`${s0}spiketrain_channel_id`].values, [5, 6, 7]);
    assert.equal(arrays[`${s0}spiketrain_source_index`].values, [0, 1, 2]);
    assert.equal(arrays[`${s0}t_start`], { dtype: 'float64', shape: [], values: 0 });
    assert.equal(arrays[`${s0}t_stop`].values, 2);
    const v = arrays[`${s0}signals/v`];
    assert.is(v.dtype, 'float32');
    assert.equal(v.shape, [6, 2]);
    assert.equal(v.values, block.segments[0].filter({ name: 'v' })[0].data.reduce<number[][]>((rows, x, i) => {
      if (i % 2 === 0) rows.push([]);
      rows[rows.length - 1].push(x);
      return rows;
    }, []));
    assert.equal(arrays[`${s0}signals/v_channel_index`].values, [0, 2]);
    assert.equal(arrays[`${s0}signals/v_channel_ids`].values, [5, 7]);
    assert.equal(arrays[`${s0}signals/AMPA.gsyn`].shape, [3, 2]);
    assert.equal(arrays[`${s0}signals/AMPA.gsyn_sampling_period`].values, 0.2);
    assert.equal(arrays['segment001/signals/v'].values, [
      [-60, -60],
      [-61, -61],
      [-62, -62],
    ]);
    assert.equal(arrays['segment001/spike_times'].values, [0.2]);
    assert.equal(arrays['segment001/spiketrain_counts'].values, [0, 1, 0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('.json holds the block as plain data', async () => {
  const block = sampleBlock();
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-json-'));
  try {
    const file = join(dir, 'exc.json');
    await writeData(block, file);
    const plain = JSON.parse(readFileSync(file, 'utf8'));
    assert.is(plain.name, 'exc');
    assert.equal(plain.annotations, { size: 3, label: 'exc', dt: 0.1 });
    assert.equal(plain.segments.map((s: { name: string }) => s.name), ['segment000', 'segment001']);
    assert.equal(plain.segments[0].annotations, { trial: 0 });
    const trains = plain.segments[0].spiketrains;
    assert.equal(trains[2].times, [0.3, 1.5]);
    assert.equal(trains[1].times, []);
    assert.equal(trains[0].annotations, { source_population: 'exc', channel_id: 5, source_index: 0 });
    const v = plain.segments[0].analogsignals[0];
    assert.equal([v.name, v.units, v.sampling_period, v.t_start, v.shape, v.channel_index], ['v', 'mV', 0.1, 0, [6, 2], [0, 2]]);
    assert.equal(v.values[5], [Math.fround(-65), Math.fround(-64.75)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unsupported extensions raise IOError naming the supported ones', async () => {
  const block = sampleBlock();
  for (const name of ['out.pkl', 'out.txt', 'out.h5', 'out.gsyn', 'noextension']) {
    assert.throws(() => encodeBlock(block, name), (e: Error) => e instanceof IOError && /supported: \.json, \.npz/.test(e.message), name);
  }
  let error: unknown;
  try {
    await writeData(block, '/nonexistent-dir/x.npz');
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof IOError);
});

test.run();
