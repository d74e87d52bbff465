// CloneConnector points at an earlier projection by its index and refuses other pre or post cells.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CloneConnector } from '../../frontend/connectors/clone-connector.js';
import { ConnectionError } from '../../frontend/errors.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const pre = fakeCells('pre', 3);
const post = fakeCells('post', 2, { population: 1 });
const reference = { label: 'pre→post', pre, post, index: 4 };

test('the same pre and post: the clone rule names the reference projection', () => {
  assert.equal(new CloneConnector(reference).toMessage(buildContext(pre, post)).rule, {
    $case: 'clone',
    value: { referenceProjection: 4 },
  });
});

test('other objects with the same cells (e.g. two views of the same cells) are the same pre/post', () => {
  const samePre = fakeCells('again', 3);
  assert.is(new CloneConnector(reference).toMessage(buildContext(samePre, post)).rule?.$case, 'clone');
});

test('different pre or post cells are a ConnectionError naming both projections', () => {
  const other = fakeCells('other', 3, { population: 2 });
  assert.throws(
    () => new CloneConnector(reference).toMessage(buildContext(other, post)),
    (e: Error) => e instanceof ConnectionError && /pre→post/.test(e.message) && /'other'/.test(e.message),
  );
  assert.throws(
    () => new CloneConnector(reference).toMessage(buildContext(pre, fakeCells('post', 3, { population: 1 }))),
    (e: Error) => e instanceof ConnectionError,
  );
});

test('a reference that is not a projection is a TypeError', () => {
  assert.throws(() => new CloneConnector({} as typeof reference), (e: Error) => e instanceof TypeError && /Projection/.test(e.message));
});

test.run();
