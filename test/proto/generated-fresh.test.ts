// frontend/generated/ must be exactly what scripts/gen-proto.mjs makes from proto/ today: a .proto edit without
// `npm run gen:proto` fails here. The second test proves the comparison notices a real contract change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareTrees, defaultProtoRoot, generateFresh, generatedDir } from '../../scripts/gen-proto.mjs';

test('frontend/generated matches a fresh generation from proto/', () => {
  const fresh = generateFresh();
  try {
    const diffs = compareTrees(fresh, generatedDir);
    assert.equal(diffs, [], `frontend/generated is stale; run npm run gen:proto:\n${diffs.join('\n')}`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});

test('a field added to a copy of the contract makes the comparison report model.ts', () => {
  const copy = mkdtempSync(join(tmpdir(), 'tsnn-proto-copy-'));
  let fresh: string | undefined;
  try {
    cpSync(defaultProtoRoot, copy, { recursive: true });
    const modelPath = join(copy, 'tsnn', 'v1', 'model.proto');
    const text = readFileSync(modelPath, 'utf8');
    const edited = text.replace(/message Sphere \{\n(\s*)double radius = 1;/, 'message Sphere {\n$1double radius = 1;\n$1double inner_radius = 2;');
    assert.is.not(edited, text, 'the edit applied to model.proto');
    writeFileSync(modelPath, edited);

    fresh = generateFresh(copy);
    const diffs = compareTrees(fresh, generatedDir);
    assert.equal(diffs, ['differs: tsnn/v1/model.ts']);
    assert.match(readFileSync(join(fresh, 'tsnn', 'v1', 'model.ts'), 'utf8'), 'innerRadius: number');
  } finally {
    rmSync(copy, { recursive: true, force: true });
    if (fresh) rmSync(fresh, { recursive: true, force: true });
  }
});

test('compareTrees reports files present on one side only', () => {
  const a = mkdtempSync(join(tmpdir(), 'tsnn-tree-a-'));
  const b = mkdtempSync(join(tmpdir(), 'tsnn-tree-b-'));
  try {
    writeFileSync(join(a, 'same.ts'), 'x');
    writeFileSync(join(b, 'same.ts'), 'x');
    writeFileSync(join(a, 'extra.ts'), 'y');
    assert.equal(compareTrees(a, b), [`missing in ${b}: extra.ts`]);
    writeFileSync(join(b, 'extra.ts'), 'y');
    assert.equal(compareTrees(a, b), []);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test.run();
