// Projection.save writes PyNN's text layout, which FromFileConnector reads back into the same connections.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../../frontend/projection/projection.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { FromFileConnector } from '../../frontend/connectors/from-file.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { FakeBackend, FakeSimulation, buildContext, fakeCells } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'tsnn-save-'));
const pre = fakeCells('pre', 2);
const post = fakeCells('post', 2, { population: 1 });

function built(): Projection {
  const simulation = new FakeSimulation();
  const prj = new Projection(pre, post, new AllToAllConnector(), new StaticSynapse(), { simulation });
  prj.annotate({ note: 'saved' });
  simulation.backend = new FakeBackend([
    [0, 1, { weight: 0.125, delay: 1.5 }],
    [1, 0, { weight: 0.25, delay: 0.1 }],
  ]);
  simulation.built = true;
  return prj;
}

test("save('all') writes the columns header, annotations and one row per connection", async () => {
  const file = join(dir, 'all.txt');
  await built().save('all', file);
  assert.is(readFileSync(file, 'utf8'), "# columns = ['i', 'j', 'weight', 'delay']\n# note = \"saved\"\n0 1 0.125 1.5\n1 0 0.25 0.1\n");
});

test('FromFileConnector reads a saved file back into the same connections', async () => {
  const file = join(dir, 'roundtrip.txt');
  await built().save(['weight', 'delay'], file);
  const rule = new FromFileConnector(file).toMessage(buildContext(pre, post)).rule;
  assert.equal(rule, {
    $case: 'fromList',
    value: { pre: [0, 1], post: [1, 0], columnNames: ['weight', 'delay'], columns: [{ values: [0.125, 0.25] }, { values: [1.5, 0.1] }] },
  });
});

test('array format writes 0 where there is no connection; withAddress false drops i and j', async () => {
  const arrayFile = join(dir, 'array.txt');
  await built().save('weight', arrayFile, { format: 'array' });
  assert.equal(readFileSync(arrayFile, 'utf8').split('\n').slice(-3), ['0 0.125', '0.25 0', '']);
  const valuesFile = join(dir, 'values.txt');
  await built().save('delay', valuesFile, { withAddress: false });
  assert.is(readFileSync(valuesFile, 'utf8'), "# columns = ['delay']\n# note = \"saved\"\n1.5\n0.1\n");
});

test.run();
