// AllToAllConnector, OneToOneConnector and ArrayConnector produce the contract's rule messages, without an RNG
// stream, and refuse sizes that do not fit the projection.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { OneToOneConnector } from '../../frontend/connectors/one-to-one.js';
import { ArrayConnector } from '../../frontend/connectors/array-connector.js';
import { InvalidDimensionsError, ValueError } from '../../frontend/errors.js';
import { SelfConnections } from '../../frontend/generated/tsnn/v1/model.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const pre = fakeCells('pre', 3);
const post = fakeCells('post', 2, { population: 1 });

test('AllToAllConnector: allow_self_connections maps to ALLOW, FORBID, NO_MUTUAL', () => {
  const cases: Array<[boolean | 'NoMutual' | undefined, SelfConnections]> = [
    [undefined, SelfConnections.ALLOW],
    [true, SelfConnections.ALLOW],
    [false, SelfConnections.FORBID],
    ['NoMutual', SelfConnections.NO_MUTUAL],
  ];
  for (const [allow, expected] of cases) {
    const ctx = buildContext(pre, post);
    const message = new AllToAllConnector({ allowSelfConnections: allow }).toMessage();
    assert.equal(message.rule, { $case: 'allToAll', value: { selfConnections: expected } });
    assert.is(message.rng, undefined);
    assert.is(message.safe, true);
    assert.is(ctx.simulation.streamsAllocated, 0);
  }
});

test('AllToAllConnector: a bad allow_self_connections is a ValueError naming the allowed values', () => {
  assert.throws(
    () => new AllToAllConnector({ allowSelfConnections: 'yes' as unknown as boolean }),
    (e: Error) => e instanceof ValueError && /allow_self_connections/.test(e.message) && /NoMutual/.test(e.message),
  );
});

test('safe: false travels in the message', () => {
  assert.is(new AllToAllConnector({ safe: false }).toMessage().safe, false);
});

test('OneToOneConnector: equal sizes give the oneToOne rule; different sizes are refused', () => {
  const same = fakeCells('same', 3, { population: 1 });
  assert.equal(new OneToOneConnector().toMessage(buildContext(pre, same)).rule, { $case: 'oneToOne', value: {} });
  assert.throws(
    () => new OneToOneConnector().toMessage(buildContext(pre, post)),
    (e: Error) => e instanceof InvalidDimensionsError && /3 cells/.test(e.message) && /has 2/.test(e.message),
  );
});

test('ArrayConnector: the boolean pre × post array becomes a row-major byte mask', () => {
  const connector = new ArrayConnector([
    [true, false],
    [false, false],
    [1, true],
  ]);
  const rule = connector.toMessage(buildContext(pre, post)).rule;
  assert.is(rule?.$case, 'array');
  if (rule?.$case !== 'array') return;
  assert.is(rule.value.rows, 3);
  assert.is(rule.value.cols, 2);
  assert.equal(Array.from(rule.value.mask), [1, 0, 0, 0, 1, 1]);
});

test('ArrayConnector: a shape other than pre × post, or ragged rows, is an InvalidDimensionsError', () => {
  assert.throws(
    () => new ArrayConnector([[true, false, true]]).toMessage(buildContext(pre, post)),
    (e: Error) => e instanceof InvalidDimensionsError && /1 × 3/.test(e.message) && /3 × 2/.test(e.message),
  );
  assert.throws(() => new ArrayConnector([[true, false], [true]]), (e: Error) => e instanceof InvalidDimensionsError);
  assert.throws(() => new ArrayConnector('mask' as unknown as boolean[][]), (e: Error) => e instanceof TypeError);
});

test('describe() names the connector and its PyNN arguments', () => {
  assert.is(new AllToAllConnector({ allowSelfConnections: false }).describe(), 'AllToAllConnector(allow_self_connections=false)');
  assert.is(new OneToOneConnector().describe(), 'OneToOneConnector()');
});

test.run();
