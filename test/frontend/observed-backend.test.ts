// observeBackend: the observer sees the network before the inner backend builds it, the session that came back,
// and every run's summary, in call order; every other call reaches the inner backend unchanged (with `this` bound
// to it), and what the inner backend answers is what the caller gets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { observeBackend } from '../../frontend/backend/observed-backend.js';
import { Network } from '../../frontend/generated/tsnn/v1/model.js';
import type { RunComplete, SessionInfo } from '../../frontend/generated/tsnn/v1/simulator.js';
import { FakeBackend } from './fake-backend.js';

test('the observer sees createSession and run around the inner calls, in order', async () => {
  const inner = new FakeBackend();
  const seen: string[] = [];
  let sessionSeen: SessionInfo | undefined;
  const runsSeen: RunComplete[] = [];
  const backend = observeBackend(inner, {
    beforeCreateSession(network) {
      seen.push(`before createSession (${network.populations.length} populations, inner calls ${inner.calls.length})`);
    },
    afterCreateSession(session, seconds, target) {
      assert.ok(seconds >= 0, 'build seconds');
      assert.is(target, inner);
      sessionSeen = session;
      seen.push(`after createSession (inner calls ${inner.calls.length})`);
    },
    afterRun(complete) {
      runsSeen.push(complete);
      seen.push(`after run to step ${complete.step}`);
    },
  });
  const network = Network.fromPartial({ populations: [{ label: 'a', size: 3 }, { label: 'b', size: 4 }] });
  const session = await backend.createSession(network);
  assert.is(session, sessionSeen);
  assert.is(session.neurons, 7n);
  assert.is(inner.network, network);
  const first = await backend.run({ steps: 10n, progressEverySteps: 0, chunkSteps: 0 }, () => {});
  const second = await backend.run({ steps: 5n, progressEverySteps: 0, chunkSteps: 0 }, () => {});
  assert.equal([first.step, second.step], [10n, 15n]);
  assert.equal(runsSeen, [first, second]);
  assert.equal(seen, [
    'before createSession (2 populations, inner calls 0)',
    'after createSession (inner calls 1)',
    'after run to step 10',
    'after run to step 15',
  ]);
});

test('other calls and properties reach the inner backend unchanged', async () => {
  const inner = new FakeBackend();
  const backend = observeBackend(inner, {});
  assert.is(backend.name, 'fake');
  const info = await backend.getInfo();
  assert.is(info.version, 'fake');
  await backend.setRecording({ recordings: [] });
  await backend.createSession(Network.fromPartial({}));
  await backend.run({ steps: 1n, progressEverySteps: 0, chunkSteps: 0 }, () => {});
  assert.equal(inner.methods(), ['getInfo', 'setRecording', 'createSession', 'run']);
});

test.run();
