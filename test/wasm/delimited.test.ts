// decodeDelimited against sequences written with protobuf's own length-delimited framing (BinaryWriter.bytes
// writes a varint length, then the bytes), including a message longer than 127 bytes (a two-byte length).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { ConnectionsChunk, RunEvent } from '../../frontend/generated/tsnn/v1/simulator.js';
import { decodeDelimited } from '../../frontend/backends/wasm/delimited.js';

function frame(messages: Uint8Array[]): Uint8Array {
  const writer = new BinaryWriter();
  for (const message of messages) writer.bytes(message);
  return writer.finish();
}

test('splits a Run answer into its events, in order', () => {
  const events: RunEvent[] = [
    { event: { $case: 'progress', value: { step: 10n, targetStep: 20n, wallSeconds: 0.5 } } },
    { event: { $case: 'data', value: { population: 1, variable: 'spikes', spikeCells: [0, 3], spikeSteps: [4n, 9n], firstSample: 0n, nSamples: 0, nCells: 0, samples: Buffer.alloc(0), isCurrentSource: false } } },
    { event: { $case: 'complete', value: { step: 20n, wallSeconds: 1, spikes: 2n, synapticEvents: 0n } } },
  ];
  const decoded = decodeDelimited(frame(events.map((e) => RunEvent.encode(e).finish())), (r, n) => RunEvent.decode(r, n));
  assert.equal(decoded, events);
});

test('handles messages longer than 127 bytes (two-byte length prefix)', () => {
  const pre = Array.from({ length: 100 }, (_, i) => i);
  const chunk: ConnectionsChunk = { pre, post: pre.map((i) => 99 - i), values: [{ values: pre.map((i) => i / 4) }], total: 100n };
  const bytes = ConnectionsChunk.encode(chunk).finish();
  assert.ok(bytes.length > 127);
  const decoded = decodeDelimited(frame([bytes, bytes]), (r, n) => ConnectionsChunk.decode(r, n));
  assert.equal(decoded, [chunk, chunk]);
});

test('an empty answer is an empty sequence', () => {
  assert.equal(decodeDelimited(new Uint8Array(0), (r, n) => RunEvent.decode(r, n)), []);
});

test('a length that runs past the end is an error', () => {
  const whole = frame([RunEvent.encode({ event: { $case: 'complete', value: { step: 5n, wallSeconds: 0, spikes: 0n, synapticEvents: 0n } } }).finish()]);
  assert.throws(() => decodeDelimited(whole.subarray(0, whole.length - 1), (r, n) => RunEvent.decode(r, n)), /runs past the end/);
});

test.run();
