// FromFileConnector reads PyNN's StandardTextFile layout: a `# columns = [...]` header ('i' and 'j' removed) and
// whitespace-separated rows; without a header the columns are weight and delay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FromFileConnector, parseConnectionFile } from '../../frontend/connectors/from-file.js';
import { IOError, ValueError } from '../../frontend/errors.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'tsnn-fromfile-'));

test('header columns name the value columns; i and j are dropped', () => {
  const parsed = parseConnectionFile("# columns = ['i', 'j', 'weight', 'delay', 'U']\n0 1 0.5 1.0 0.2\n1.0 0.0 0.25 2.0 0.3\n", 'f');
  assert.equal(parsed.columnNames, ['weight', 'delay', 'U']);
  assert.equal(parsed.rows, [
    [0, 1, 0.5, 1.0, 0.2],
    [1, 0, 0.25, 2.0, 0.3],
  ]);
});

test('without a header the columns are weight and delay (PyNN default); nan and inf are numbers', () => {
  const parsed = parseConnectionFile('0 1 nan 1.0\n1 0 -inf 2.0\n', 'f');
  assert.equal(parsed.columnNames, ['weight', 'delay']);
  assert.ok(Number.isNaN(parsed.rows[0]![2]!));
  assert.is(parsed.rows[1]![2], Number.NEGATIVE_INFINITY);
});

test('a word among the numbers is a ValueError with the file and line', () => {
  assert.throws(
    () => parseConnectionFile('# columns = ["i", "j"]\n0 1\n0 x\n', 'conn.txt'),
    (e: Error) => e instanceof ValueError && /conn\.txt, line 3/.test(e.message) && /'x'/.test(e.message),
  );
});

test('FromFileConnector reads the file into a fromList rule and names the file', () => {
  const path = join(dir, 'conn.txt');
  writeFileSync(path, "# columns = ['i', 'j', 'weight', 'delay']\n# label = \"x\"\n0 1 0.5 1.0\n2 0 0.75 1.5\n");
  const message = new FromFileConnector(path).toMessage(buildContext(fakeCells('pre', 3), fakeCells('post', 2)));
  assert.is(message.sourceFile, path);
  assert.equal(message.rule, {
    $case: 'fromList',
    value: { pre: [0, 2], post: [1, 0], columnNames: ['weight', 'delay'], columns: [{ values: [0.5, 0.75] }, { values: [1.0, 1.5] }] },
  });
});

test('distributed: true reads <file>.0 (one process is rank 0)', () => {
  const path = join(dir, 'dist.txt');
  writeFileSync(`${path}.0`, "# columns = ['i', 'j']\n1 1\n");
  const connector = new FromFileConnector(path, { distributed: true });
  assert.equal(Array.from(connector.pre), [1]);
  assert.equal(connector.columnNames, []);
});

test('a missing file is an IOError naming it', () => {
  assert.throws(
    () => new FromFileConnector(join(dir, 'absent.txt')),
    (e: Error) => e instanceof IOError && /absent\.txt/.test(e.message),
  );
});

test.run();
