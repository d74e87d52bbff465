// The random connectors (fixed probability, fixed numbers, fixed total, small world) carry their arguments and
// an RngSpec on a stream of their own; without an rng they use PyNN's NumpyRNG(seed=151985012).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FixedProbabilityConnector } from '../../frontend/connectors/fixed-probability.js';
import { FixedNumberPreConnector } from '../../frontend/connectors/fixed-number-pre.js';
import { FixedNumberPostConnector } from '../../frontend/connectors/fixed-number-post.js';
import { FixedTotalNumberConnector } from '../../frontend/connectors/fixed-total-number.js';
import { SmallWorldConnector } from '../../frontend/connectors/small-world.js';
import { ValueError } from '../../frontend/errors.js';
import { RandomDistribution_Kind, RngSpec_Kind, SelfConnections } from '../../frontend/generated/tsnn/v1/model.js';
import { NativeRNG, NumpyRNG } from '../../frontend/random/rng.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const pre = fakeCells('pre', 4);
const post = fakeCells('post', 3, { population: 1 });

test('FixedProbabilityConnector: p_connect, self connections and PyNN default rng seed 151985012', () => {
  const ctx = buildContext(pre, post);
  ctx.allocateStream(); // streams already used by earlier objects
  const message = new FixedProbabilityConnector(0.25, { allowSelfConnections: false }).toMessage(ctx);
  assert.equal(message.rule, {
    $case: 'fixedProbability',
    value: { pConnect: 0.25, selfConnections: SelfConnections.FORBID },
  });
  assert.equal(message.rng, { kind: RngSpec_Kind.NUMPY, hasSeed: true, seed: 151985012n, stream: 1n, parallelSafe: true });
});

test('a given rng travels with its own seed; an unseeded NativeRNG uses the simulation seed', () => {
  const seeded = new FixedProbabilityConnector(0.5, { rng: new NumpyRNG({ seed: 7 }) }).toMessage(buildContext(pre, post));
  assert.is(seeded.rng?.seed, 7n);
  assert.is(seeded.rng?.hasSeed, true);
  const native = new FixedProbabilityConnector(0.5, { rng: new NativeRNG() }).toMessage(buildContext(pre, post));
  assert.is(native.rng?.kind, RngSpec_Kind.NATIVE);
  assert.is(native.rng?.hasSeed, false);
});

test('each toMessage takes a new stream: two projections with one connector draw differently', () => {
  const ctx = buildContext(pre, post);
  const connector = new FixedProbabilityConnector(0.5);
  const a = connector.toMessage(ctx).rng!.stream;
  const b = connector.toMessage(ctx).rng!.stream;
  assert.is(a, 0n);
  assert.is(b, 1n);
});

test('FixedProbabilityConnector: p outside [0, 1] or not a number is a ValueError', () => {
  for (const p of [-0.1, 1.5, Number.NaN, '0.5']) {
    assert.throws(() => new FixedProbabilityConnector(p as number), (e: Error) => e instanceof ValueError && /p_connect/.test(e.message));
  }
  assert.throws(() => new FixedProbabilityConnector(0.5, { rng: 42 as unknown as NumpyRNG }), (e: Error) => e instanceof TypeError);
});

test('FixedNumberPreConnector: integer n, without replacement by default', () => {
  const message = new FixedNumberPreConnector(2).toMessage(buildContext(pre, post));
  assert.equal(message.rule, {
    $case: 'fixedNumberPre',
    value: { n: { kind: { $case: 'scalar', value: 2 } }, selfConnections: SelfConnections.ALLOW, withReplacement: false },
  });
  assert.is(message.rng?.stream, 0n);
});

test('FixedNumberPostConnector: a RandomDistribution n is drawn by the engine on a second stream', () => {
  const n = new RandomDistribution('uniform_int', [1, 3], new NumpyRNG({ seed: 5 }));
  const message = new FixedNumberPostConnector(n, { withReplacement: true }).toMessage(buildContext(pre, post));
  assert.is(message.rule?.$case, 'fixedNumberPost');
  if (message.rule?.$case !== 'fixedNumberPost') return;
  assert.is(message.rule.value.withReplacement, true);
  assert.equal(message.rng?.stream, 0n);
  const kind = message.rule.value.n?.kind;
  assert.is(kind?.$case, 'distribution');
  if (kind?.$case !== 'distribution') return;
  assert.is(kind.value.kind, RandomDistribution_Kind.UNIFORM_INT);
  assert.equal(kind.value.parameters, [1, 3]);
  assert.is(kind.value.rng?.stream, (1n << 61n) | 0n);  // n's own rng: its first stream (rng-spec.ts)
  assert.is(kind.value.rng?.seed, 5n);
});

test('FixedNumber connectors: n must be a non-negative integer', () => {
  for (const n of [-1, 2.5, Number.NaN]) {
    assert.throws(() => new FixedNumberPreConnector(n), (e: Error) => e instanceof ValueError && /n must be a non-negative integer/.test(e.message));
    assert.throws(() => new FixedNumberPostConnector(n), (e: Error) => e instanceof ValueError);
  }
});

test('FixedTotalNumberConnector: n as uint64, with replacement by default (as PyNN)', () => {
  const message = new FixedTotalNumberConnector(10, { allowSelfConnections: 'NoMutual' }).toMessage(buildContext(pre, post));
  assert.equal(message.rule, {
    $case: 'fixedTotalNumber',
    value: { n: 10n, selfConnections: SelfConnections.NO_MUTUAL, withReplacement: true },
  });
  assert.is(message.rng?.seed, 151985012n);
});

test('SmallWorldConnector: degree, rewiring and n_connections are sent (the engine implements the rule)', () => {
  const message = new SmallWorldConnector(2.5, 0.1, { nConnections: 4 }).toMessage(buildContext(pre, post));
  assert.equal(message.rule, {
    $case: 'smallWorld',
    value: { degree: 2.5, rewiring: 0.1, selfConnections: SelfConnections.ALLOW, nConnections: 4n },
  });
  assert.ok(message.rng);
  assert.throws(() => new SmallWorldConnector(2, 1.5), (e: Error) => e instanceof ValueError && /rewiring/.test(e.message));
  assert.throws(() => new SmallWorldConnector(-1, 0.5), (e: Error) => e instanceof ValueError && /degree/.test(e.message));
});

test('describe() shows PyNN argument names and the rng', () => {
  assert.is(
    new FixedProbabilityConnector(0.1, { rng: new NumpyRNG({ seed: 3 }) }).describe(),
    'FixedProbabilityConnector(p_connect=0.1, allow_self_connections=true, rng=NumpyRNG(seed=3))',
  );
});

test.run();
