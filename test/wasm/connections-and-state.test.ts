// The read-back calls through the backend: GetConnections (a length-delimited stream of chunks) returns exactly the
// connections of an explicit list, in canonical (pre, post) order, with their values, split into chunks of the
// requested size (weights as float32, delays on the step grid); SetSynapseValues changes them; GetState answers per-cell values by name; Reset restores them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Projection } from '../../frontend/generated/tsnn/v1/model.js';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { network, population, scalar } from './network-builders.js';

const lif = { cm: 1, tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50, tau_refrac: 0.1, i_offset: 0, tau_syn_E: 5, tau_syn_I: 5 };

// Rows (pre, post, weight, delay) deliberately out of order.
const rows: Array<[number, number, number, number]> = [
  [2, 1, 0.3, 1.5],
  [0, 3, 0.1, 0.5],
  [1, 0, 0.2, 1.0],
  [0, 1, 0.4, 2.0],
  [3, 3, 0.5, 0.3],
];

function fromList(): Projection {
  return {
    label: 'list',
    weightSign: 0,
    pre: { parts: [{ population: 0, cells: { $case: 'all', value: true } }], label: '' },
    post: { parts: [{ population: 1, cells: { $case: 'all', value: true } }], label: '' },
    connector: {
      rule: {
        $case: 'fromList',
        value: {
          pre: rows.map((r) => r[0]),
          post: rows.map((r) => r[1]),
          columnNames: ['weight', 'delay'],
          columns: [{ values: rows.map((r) => r[2]) }, { values: rows.map((r) => r[3]) }],
        },
      },
      safe: true,
      sourceFile: '',
    },
    synapse: { weight: scalar(0), delay: scalar(1), dynamics: { $case: 'staticSynapse', value: {} } },
    receptorType: 'excitatory',
    annotations: [],
  };
}

const sorted = [...rows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

test('GetConnections returns the list sorted by (pre, post), in chunks of the requested size', async () => {
  const backend = await createWasmBackend();
  try {
    const info = await backend.createSession(network(0.1, 1n, [population('a', 4, 'IF_curr_exp', lif), population('b', 4, 'IF_curr_exp', lif)], [fromList()]));
    assert.equal(info.projectionSizes, [5n]);
    const chunks = await backend.getConnections({ projection: 0, names: ['weight', 'delay'], maxConnectionsPerChunk: 2 });
    assert.equal(chunks.map((c) => c.pre.length), [2, 2, 1]);
    assert.ok(chunks.every((c) => c.total === 5n));
    assert.equal(chunks.flatMap((c) => c.pre), sorted.map((r) => r[0]));
    assert.equal(chunks.flatMap((c) => c.post), sorted.map((r) => r[1]));
    const weights = chunks.flatMap((c) => c.values[0].values);
    const delays = chunks.flatMap((c) => c.values[1].values);
    // Weights are stored as float32 (DESIGN §5: at most 8 bytes per synapse) and read back as the shortest decimal
    // that rounds to theirs: the decimals given; delays as whole steps of dt.
    assert.equal(weights, sorted.map((r) => r[2]));
    sorted.forEach((r, k) => assert.ok(Math.abs(delays[k] - Math.round(r[3] / 0.1) * 0.1) < 1e-12, `delay ${k}: ${delays[k]}`));
  } finally {
    await backend.close();
  }
});

test('SetSynapseValues changes the weights that GetConnections reads back', async () => {
  const backend = await createWasmBackend();
  try {
    await backend.createSession(network(0.1, 1n, [population('a', 4, 'IF_curr_exp', lif), population('b', 4, 'IF_curr_exp', lif)], [fromList()]));
    await backend.setSynapseValues({ projection: 0, values: { weight: { kind: { $case: 'array', value: { values: [1, 2, 3, 4, 5] } } } } });
    const [chunk] = await backend.getConnections({ projection: 0, names: ['weight'], maxConnectionsPerChunk: 0 });
    assert.equal(chunk.values[0].values, [1, 2, 3, 4, 5]);
  } finally {
    await backend.close();
  }
});

test('GetState reads per-cell values; Reset restores the initial ones', async () => {
  const backend = await createWasmBackend();
  try {
    const driven = { ...lif, i_offset: 1 };
    await backend.createSession(network(0.1, 1n, [population('cells', 3, 'IF_curr_exp', driven, { v: -65 })]));
    const cells = { population: 0, cells: { $case: 'all' as const, value: true } };
    const before = await backend.getState({ cells, names: ['v', 'tau_m'] });
    assert.equal(before.values.v.values, [-65, -65, -65]);
    assert.equal(before.values.tau_m.values, [20, 20, 20]);
    await backend.run({ steps: 50n, progressEverySteps: 0, chunkSteps: 0 }, () => undefined);
    // Exact integration: V(5 ms) = v_rest + R·I·(1 − exp(−5/20)), R·I = 20 mV.
    const expected = -65 + 20 * (1 - Math.exp(-5 / 20));
    const after = await backend.getState({ cells, names: ['v'] });
    after.values.v.values.forEach((v) => assert.ok(Math.abs(v - expected) < 1e-9, `v = ${v}, expected ${expected}`));
    await backend.reset();
    assert.equal((await backend.getState({ cells, names: ['v'] })).values.v.values, [-65, -65, -65]);
  } finally {
    await backend.close();
  }
});

test.run();
