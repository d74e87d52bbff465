// decodeRunEvent (frontend/backend/run-event-decode.ts), the backends' reader of the Run stream, against ts-proto's
// RunEvent.decode on the same bytes: every field of RecordedData, packed and one-value-per-key encodings, steps on
// both sides of the 49-bit fast path and beyond 2^53, cells of five varint bytes, unknown fields, events that are
// not data, and a RunEvent that does not hold its data field alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { RecordedData, RunEvent } from '../../frontend/generated/tsnn/v1/simulator.js';
import { decodeRunEvent, type RecordedDataWithNumbers } from '../../frontend/backend/run-event-decode.js';

const sample: RecordedData = {
  population: 3, variable: 'spikes', spikeCells: [0, 127, 128, 4294967295, 7],
  spikeSteps: [0n, 127n, 16384n, (1n << 49n) - 1n, 5n], firstSample: 12345678901n, nSamples: 2, nCells: 1,
  samples: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), isCurrentSource: true,
};

function data(event: RunEvent): RecordedDataWithNumbers {
  assert.is(event.event?.$case, 'data');
  return (event.event as { value: RecordedDataWithNumbers }).value;
}

/** Plain copies of the RecordedData fields: the decoder's spikeSteps is a getter, and it adds spikeStepNumbers. */
function plain(d: RecordedDataWithNumbers): RecordedData {
  const { spikeStepNumbers: _numbers, ...fields } = d;
  return { ...fields, spikeSteps: [...d.spikeSteps] };
}

test('every field of RecordedData as ts-proto reads it, the steps also as numbers', () => {
  // Steps below 2^49 (seven varint bytes) take the fast loop; 2^49 and beyond the exact one.
  for (const last of [5n, 1n << 49n]) {
    const value = { ...sample, spikeSteps: [...sample.spikeSteps.slice(0, -1), last] };
    const bytes = RunEvent.encode({ event: { $case: 'data', value } }).finish();
    const fast = data(decodeRunEvent(bytes));
    assert.equal(plain(fast), plain(data(RunEvent.decode(bytes))));
    assert.equal([...fast.spikeStepNumbers!], value.spikeSteps.map(Number));
  }
});

test('steps beyond 2^53 and one-value-per-key fields, with an unknown field between them', () => {
  const inner = new BinaryWriter();
  inner.uint32(1 << 3 | WireType.Varint).uint32(5);
  inner.uint32(3 << 3 | WireType.Varint).uint32(9);  // spike_cells, not packed
  inner.uint32(4 << 3 | WireType.Varint).uint64((1n << 60n) + 3n);
  inner.uint32(15 << 3 | WireType.LengthDelimited).bytes(new Uint8Array([1, 2, 3]));  // unknown
  inner.uint32(3 << 3 | WireType.LengthDelimited).bytes(new BinaryWriter().uint32(300).uint32(2).finish());
  inner.uint32(4 << 3 | WireType.LengthDelimited).bytes(new BinaryWriter().uint64(7n).uint64(1n << 55n).finish());
  const bytes = new BinaryWriter().uint32(2 << 3 | WireType.LengthDelimited).bytes(inner.finish()).finish();
  const fast = data(decodeRunEvent(bytes));
  const reference = data(RunEvent.decode(bytes));
  assert.equal(reference.spikeCells, [9, 300, 2]);
  assert.equal(plain(fast).spikeCells, reference.spikeCells);
  assert.equal([...fast.spikeStepNumbers!], reference.spikeSteps.map(Number));
  assert.is(fast.population, 5);
});

test('progress and complete events, and a data field that is not alone, are ts-proto’s', () => {
  const events: RunEvent[] = [
    { event: { $case: 'progress', value: { step: 10n, targetStep: 20n, wallSeconds: 0.5 } } },
    { event: { $case: 'complete', value: { step: 20n, wallSeconds: 1, spikes: 2n, synapticEvents: 5n } } },
  ];
  for (const event of events) assert.equal(decodeRunEvent(RunEvent.encode(event).finish()), event);
  // data, then an unknown field after it: the whole message goes to ts-proto
  const writer = RunEvent.encode({ event: { $case: 'data', value: sample } });
  writer.uint32(9 << 3 | WireType.Varint).uint32(1);
  const bytes = writer.finish();
  const decoded = data(decodeRunEvent(bytes));
  assert.is(decoded.spikeStepNumbers, undefined);
  assert.equal(decoded, data(RunEvent.decode(bytes)));
});

test('a delimited stream of events decodes in place (the wasm backend reads its answers so)', () => {
  const first = RunEvent.encode({ event: { $case: 'data', value: sample } }).finish();
  const complete = { step: 1n, wallSeconds: 0, spikes: 0n, synapticEvents: 0n };
  const second = RunEvent.encode({ event: { $case: 'complete', value: complete } }).finish();
  const stream = new BinaryWriter().bytes(first).bytes(second).finish();
  const reader = new BinaryReader(stream);
  const a = decodeRunEvent(reader, reader.uint32());
  const b = decodeRunEvent(reader, reader.uint32());
  assert.equal(plain(data(a)), plain(sample));
  assert.is(b.event?.$case, 'complete');
  assert.is(reader.pos, stream.length);
});

test('writing spikeSteps replaces the steps it reads and drops the numbers', () => {
  const fast = data(decodeRunEvent(RunEvent.encode({ event: { $case: 'data', value: sample } }).finish()));
  fast.spikeSteps = [1n];
  assert.equal(fast.spikeSteps, [1n]);
  assert.is(fast.spikeStepNumbers, undefined);
});

test.run();
