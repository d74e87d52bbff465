// The forms a synaptic value may take, and the contract Value each becomes: scalar, per-connection array,
// pre × post matrix, RandomDistribution (own stream), distance expression (tree in d), function of distance
// (evaluated here; with Line positions d(i, j) = |i - j|).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { TsodyksMarkramSynapse } from '../../frontend/synapses/tsodyks-markram-synapse.js';
import { InvalidDimensionsError, InvalidParameterValueError, MemoryError } from '../../frontend/errors.js';
import { replaceJsHeapForTesting } from '../../frontend/core/js-heap.js';
import { evaluateExpression } from '../../frontend/expressions/index.js';
import { RandomDistribution_Kind } from '../../frontend/generated/tsnn/v1/model.js';
import { NativeRNG, NumpyRNG } from '../../frontend/random/rng.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const pre = fakeCells('pre', 2);
const post = fakeCells('post', 3, { population: 1 });

test('a 1-D array is one value per connection', () => {
  const weight = new StaticSynapse({ weight: [0.1, 0.2, 0.3] }).toMessage(buildContext(pre, post)).weight;
  assert.equal(weight, { kind: { $case: 'array', value: { values: [0.1, 0.2, 0.3] } } });
});

test('a 2-D array is a pre × post matrix, row-major, NaN kept (no connection expected)', () => {
  const weight = new StaticSynapse({
    weight: [
      [1, 2, Number.NaN],
      [4, 5, 6],
    ],
  }).toMessage(buildContext(pre, post)).weight;
  assert.is(weight?.kind?.$case, 'matrix');
  if (weight?.kind?.$case !== 'matrix') return;
  assert.is(weight.kind.value.rows, 2);
  assert.is(weight.kind.value.cols, 3);
  assert.equal(weight.kind.value.values.slice(0, 2), [1, 2]);
  assert.ok(Number.isNaN(weight.kind.value.values[2]!));
  assert.equal(weight.kind.value.values.slice(3), [4, 5, 6]);
});

test('a matrix of the wrong shape is InvalidDimensionsError with both shapes', () => {
  const synapse = new StaticSynapse({ weight: [[1, 2]] });
  assert.throws(
    () => synapse.toMessage(buildContext(pre, post)),
    (e: Error) => e instanceof InvalidDimensionsError && /1 × 2/.test(e.message) && /2 × 3/.test(e.message),
  );
});

test("a RandomDistribution is drawn by the engine on its rng's next stream, apart from the network's", () => {
  const ctx = buildContext(pre, post);
  const synapse = new TsodyksMarkramSynapse({
    weight: new RandomDistribution('normal', { mu: 0.5, sigma: 0.1 }, new NumpyRNG({ seed: 9 })),
    U: new RandomDistribution('uniform', [0.2, 0.8], new NumpyRNG({ seed: 10 })),
  });
  const message = synapse.toMessage(ctx);
  const w = message.weight?.kind;
  assert.is(w?.$case, 'distribution');
  if (w?.$case !== 'distribution') return;
  assert.equal(
    { kind: w.value.kind, parameters: w.value.parameters, stream: w.value.rng?.stream, seed: w.value.rng?.seed },
    { kind: RandomDistribution_Kind.NORMAL, parameters: [0.5, 0.1], stream: 1n << 61n, seed: 9n },
  );
  const dynamics = message.dynamics;
  if (dynamics?.$case !== 'tsodyksMarkram') throw new Error('wrong dynamics');
  const u = dynamics.value.U?.kind;
  assert.is(u?.$case === 'distribution' && u.value.rng?.stream, 1n << 61n);  // U's rng: its first use too
  assert.is(ctx.simulation.streamsAllocated, 0);
  // A distribution on the simulation seed (an unseeded NativeRNG) takes the network's next stream.
  const native = new StaticSynapse({ weight: new RandomDistribution('uniform', [0, 1], new NativeRNG()) }).toMessage(ctx);
  assert.is(native.weight?.kind?.$case === 'distribution' && native.weight.kind.value.rng?.stream, 0n);
  assert.is(ctx.simulation.streamsAllocated, 1);
});

test('a distance expression travels as a tree in d; a bad one is InvalidParameterValueError', () => {
  const delay = new StaticSynapse({ delay: '0.2 + 0.3*d' }).toMessage(buildContext(pre, post)).delay?.kind;
  assert.is(delay?.$case, 'expression');
  if (delay?.$case !== 'expression') return;
  assert.ok(Math.abs(evaluateExpression(delay.value, { d: 2 }) - 0.8) < 1e-15);
  for (const bad of ['0.2 + ', 'foo*d', 'i + j']) {
    assert.throws(
      () => new StaticSynapse({ weight: bad }),
      (e: Error) => e instanceof InvalidParameterValueError && /StaticSynapse/.test(e.message) && /'weight'/.test(e.message),
    );
  }
});

test('a function of distance is evaluated into a pre × post matrix of f(|i - j|)', () => {
  const weight = new StaticSynapse({ weight: (d: number) => 1 + d * d }).toMessage(buildContext(pre, post)).weight?.kind;
  assert.equal(weight, { $case: 'matrix', value: { rows: 2, cols: 3, values: [1, 2, 5, 2, 1, 2] } });
});

test('a function too large to evaluate for every pair is a MemoryError before any evaluation, naming the fix', () => {
  // 40,000 × 25,000 = 10^9 pairs: more than a JavaScript array holds. Before, the process died in V8.
  let calls = 0;
  const f = (d: number) => { calls += 1; return d; };
  assert.throws(() => new StaticSynapse({ weight: f }).toMessage(buildContext(fakeCells('pre', 40000), fakeCells('post', 25000, { population: 1 }))),
    (e: Error) => e instanceof MemoryError && /parameter 'weight' is a function, evaluated in this process for every pre × post pair: 40000 × 25000 = 1000000000 values would need more than a JavaScript array holds/.test(e.message) && /distance expression string/.test(e.message));
  // 1000 × 1000 pairs (20 MB while filled) against a heap with 10 MB to spare: refused; with 100 MB: evaluated.
  const big = () => new StaticSynapse({ weight: f }).toMessage(buildContext(fakeCells('pre', 1000), fakeCells('post', 1000, { population: 1 })));
  const restore = replaceJsHeapForTesting(() => ({ limitBytes: 10e6, reservedBytes: 0, usedBytes: 0, slotBytes: 8 }));
  try {
    assert.throws(big, (e: Error) => e instanceof MemoryError && /would need about 0\.020 GB of JavaScript heap, and 0\.010 GB is free/.test(e.message));
  } finally {
    restore();
  }
  assert.is(calls, 0);
  const restoreLarge = replaceJsHeapForTesting(() => ({ limitBytes: 100e6, reservedBytes: 0, usedBytes: 0, slotBytes: 8 }));
  try {
    const weight = big().weight?.kind;
    assert.is(weight?.$case, 'matrix');
    assert.is(calls, 1e6);
  } finally {
    restoreLarge();
  }
});

test('a function of (i, j) is evaluated by index (PyNN IndexBasedExpression)', () => {
  const weight = new StaticSynapse({ weight: (i: number, j: number) => 10 * i + j }).toMessage(buildContext(pre, post)).weight?.kind;
  assert.equal(weight, { $case: 'matrix', value: { rows: 2, cols: 3, values: [0, 1, 2, 10, 11, 12] } });
});

test('a function returning NaN is an InvalidParameterValueError naming the pair', () => {
  const synapse = new StaticSynapse({ weight: () => Number.NaN });
  assert.throws(
    () => synapse.toMessage(buildContext(pre, post)),
    (e: Error) => e instanceof InvalidParameterValueError && /pre 0, post 0/.test(e.message),
  );
});

test.run();
