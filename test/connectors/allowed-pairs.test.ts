// The fixed-number rules refuse, when the projection is made, a count the engine could not draw: the allowed
// pairs counted in the frontend against a brute-force count over the cells' addresses, and against the engine,
// which connects exactly that many pairs without replacement.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { allowedPairs } from '../../frontend/connectors/allowed-pairs.js';
import type { CellCollection } from '../../frontend/core/interfaces.js';
import type { AllowSelfConnections } from '../../frontend/connectors/self-connections.js';

function bruteForce(pre: CellCollection, post: CellCollection, rule: AllowSelfConnections) {
  const a = pre.cellAddresses();
  const b = post.cellAddresses();
  const ok = (i: number, j: number) => {
    if (rule === true) return true;
    const same = a[i]![0] === b[j]![0];
    if (rule === false) return !(same && a[i]![1] === b[j]![1]);
    return !same || a[i]![1] > b[j]![1];
  };
  const perPre = a.map((_, i) => b.filter((_, j) => ok(i, j)).length);
  const perPost = b.map((_, j) => a.filter((_, i) => ok(i, j)).length);
  return { perPre, perPost, total: perPre.reduce((x, y) => x + y, 0) };
}

test('allowed pairs per cell and in all equal a brute-force count, for views and assemblies', async () => {
  await sim.setup();
  const p = new sim.Population(7, new sim.IF_curr_exp(), { label: 'p' });
  const q = new sim.Population(4, new sim.IF_curr_exp(), { label: 'q' });
  const collections: CellCollection[] = [p, q, p.view([6, 1, 3]), p.view({ start: 2 }), new sim.Assembly([q, p.view([0, 5])])];
  for (const pre of collections) {
    for (const post of collections) {
      for (const rule of [true, false, 'NoMutual'] as const) {
        const got = allowedPairs(pre, post, rule);
        const want = bruteForce(pre, post, rule);
        const where = `${pre.label} → ${post.label}, ${String(rule)}`;
        assert.equal(want.perPre.map((_, i) => got.perPre(i)), want.perPre, where);
        assert.equal(want.perPost.map((_, j) => got.perPost(j)), want.perPost, where);
        assert.is(got.total(), want.total, where);
      }
    }
  }
  await sim.end();
});

test('FixedTotalNumber without replacement: n = the allowed pairs connects them all; one more is refused at once', async () => {
  await sim.setup();
  const p = new sim.Population(5, new sim.IF_curr_exp(), { label: 'p' });
  const all = new sim.Projection(p, p, new sim.FixedTotalNumberConnector(20, { withReplacement: false, allowSelfConnections: false }));
  assert.throws(
    () => new sim.Projection(p, p, new sim.FixedTotalNumberConnector(21, { withReplacement: false, allowSelfConnections: false })),
    (e: Error) => e instanceof sim.ConnectionError && /21 connections without replacement from 20 allowed pairs/.test(e.message),
  );
  assert.throws(
    () => new sim.Projection(p, p, new sim.FixedTotalNumberConnector(11, { withReplacement: false, allowSelfConnections: 'NoMutual' })),
    (e: Error) => e instanceof sim.ConnectionError && /from 10 allowed pairs/.test(e.message),
  );
  // The refused projections left nothing behind: the network builds and runs.
  assert.is(await all.size(), 20);
  await sim.run(1);
  await sim.end();
});

test('FixedNumberPre/Post: a cell with no allowed partner is refused at once, naming the cell', async () => {
  await sim.setup();
  const one = new sim.Population(1, new sim.IF_curr_exp(), { label: 'one' });
  const p = new sim.Population(4, new sim.IF_curr_exp(), { label: 'p' });
  assert.throws(
    () => new sim.Projection(one, one, new sim.FixedNumberPreConnector(1, { allowSelfConnections: false })),
    (e: Error) => e instanceof sim.ConnectionError && /cell 0 of 'one' has no allowed presynaptic cell/.test(e.message),
  );
  // 'NoMutual' keeps pre > post: postsynaptic cell 3 has no presynaptic cell above it, presynaptic cell 0 none below.
  assert.throws(
    () => new sim.Projection(p, p, new sim.FixedNumberPreConnector(1, { allowSelfConnections: 'NoMutual' })),
    (e: Error) => e instanceof sim.ConnectionError && /cell 3 of 'p' has no allowed presynaptic cell/.test(e.message),
  );
  assert.throws(
    () => new sim.Projection(p, p, new sim.FixedNumberPostConnector(1, { allowSelfConnections: 'NoMutual' })),
    (e: Error) => e instanceof sim.ConnectionError && /cell 0 of 'p' has no allowed postsynaptic cell/.test(e.message),
  );
  const fine = new sim.Projection(p, p, new sim.FixedNumberPreConnector(3, { allowSelfConnections: false }));
  assert.is(await fine.size(), 12);
  await sim.end();
});

test.run();
