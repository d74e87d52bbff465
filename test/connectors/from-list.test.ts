// FromListConnector follows PyNN's column rules: 2 columns → no values, 4 → weight and delay, otherwise the names
// are required (TypeError); a count mismatch or a name the synapse type lacks is a ValueError; an index beyond
// pre or post is a ConnectionError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FromListConnector } from '../../frontend/connectors/from-list.js';
import { ConnectionError, ValueError } from '../../frontend/errors.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const pre = fakeCells('pre', 3);
const post = fakeCells('post', 2, { population: 1 });
const names = ['weight', 'delay', 'U', 'tau_rec', 'tau_facil', 'u'];

test('2 columns: connections only', () => {
  const message = new FromListConnector([
    [0, 1],
    [2, 0],
  ]).toMessage(buildContext(pre, post));
  assert.equal(message.rule, { $case: 'fromList', value: { pre: [0, 2], post: [1, 0], columnNames: [], columns: [] } });
  assert.is(message.rng, undefined);
});

test('4 columns: weight and delay', () => {
  const message = new FromListConnector([
    [0, 1, 0.5, 1.5],
    [1, 1, 0.25, 2.0],
  ]).toMessage(buildContext(pre, post));
  assert.equal(message.rule, {
    $case: 'fromList',
    value: { pre: [0, 1], post: [1, 1], columnNames: ['weight', 'delay'], columns: [{ values: [0.5, 0.25] }, { values: [1.5, 2.0] }] },
  });
});

test('other widths need columnNames (TypeError), which must match the count (ValueError)', () => {
  assert.throws(
    () => new FromListConnector([[0, 1, 0.5]]),
    (e: Error) => e instanceof TypeError && /columnNames/.test(e.message) && /3 columns/.test(e.message),
  );
  assert.throws(
    () => new FromListConnector([[0, 1, 0.5, 1.0, 0.3]], { columnNames: ['weight', 'delay'] }),
    (e: Error) => e instanceof ValueError && /3 parameter columns, but 2 column names/.test(e.message),
  );
  const custom = new FromListConnector([[0, 0, 0.5, 0.7, 3.0]], { columnNames: ['weight', 'U', 'delay'] });
  const rule = custom.toMessage(buildContext(pre, post, { names })).rule;
  assert.equal(rule?.$case === 'fromList' && rule.value.columnNames, ['weight', 'U', 'delay']);
  assert.equal(rule?.$case === 'fromList' && rule.value.columns[1], { values: [0.7] });
});

test('a column the synapse type does not have is a ValueError naming the allowed ones', () => {
  const connector = new FromListConnector([[0, 0, 1.0]], { columnNames: ['tau_rec'] });
  assert.throws(
    () => connector.toMessage(buildContext(pre, post, { names: ['weight', 'delay'] })),
    (e: Error) => e instanceof ValueError && /'tau_rec'/.test(e.message) && /weight, delay/.test(e.message),
  );
});

test('indices beyond pre or post are a ConnectionError; negative or fractional ones are refused', () => {
  assert.throws(
    () => new FromListConnector([[3, 0]]).toMessage(buildContext(pre, post)),
    (e: Error) => e instanceof ConnectionError && /presynaptic index 3/.test(e.message) && /size 3/.test(e.message),
  );
  assert.throws(
    () => new FromListConnector([[0, 2]]).toMessage(buildContext(pre, post)),
    (e: Error) => e instanceof ConnectionError && /postsynaptic index 2/.test(e.message),
  );
  assert.throws(() => new FromListConnector([[-1, 0]]), (e: Error) => e instanceof ConnectionError);
  assert.throws(() => new FromListConnector([[0.5, 0]]), (e: Error) => e instanceof ValueError && /integer/.test(e.message));
});

test('ragged rows are a ValueError', () => {
  assert.throws(
    () => new FromListConnector([[0, 1, 0.5, 1.0], [1, 1]]),
    (e: Error) => e instanceof ValueError && /row 1 has 2 columns/.test(e.message),
  );
});

test('an empty list makes no connections', () => {
  const rule = new FromListConnector([]).toMessage(buildContext(pre, post)).rule;
  assert.equal(rule, { $case: 'fromList', value: { pre: [], post: [], columnNames: [], columns: [] } });
});

test('duplicates are kept (multapses)', () => {
  const connector = new FromListConnector([
    [1, 1],
    [1, 1],
  ]);
  assert.is(connector.length, 2);
});

test.run();
