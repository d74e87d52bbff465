// Refuses a population too large for the protobuf encoder's JavaScript heap, before the network message is made
// and again before it is encoded. A population of n cells has fields of n doubles (each axis of its positions, each
// per-cell parameter); the backends' CompactBinaryWriter holds each double as eight pending bytes (about 75 bytes
// of heap a value) until its field is finished, on top of the message, whose number[] copies take about 10 bytes a
// value. Past the heap limit V8 aborts the whole process ("JavaScript heap out of memory"), which no catch can
// stop: a 20-million-cell Line population did so on Node's default heap with the library's own writer.
import { MemoryError } from '../errors.js';
import { heapFreeBytes, heapWithRoomFor, jsHeap } from '../core/js-heap.js';
import { gigabytesText } from '../core/byte-text.js';

/**
 * Heap the encoder holds per value of the field it is writing: about 75 bytes measured on Node 20 (a 4-million
 * value field encodes in a 400 MB heap and not in 300), plus margin. Chromium's 4-byte slots need less.
 */
export const ENCODER_HEAP_BYTES_PER_VALUE = 100;

/**
 * Heap a build needs per cell of its largest population before its message exists: the message's position arrays
 * and the encoder's share. Measured on Node 20 with a 600 MB heap (IF_curr_exp, Line): 5 million cells built and
 * encoded, 6 million aborted, so about 100 bytes a cell; the rest is margin for the collector. Per-cell parameter
 * arrays add about 10 bytes a cell each; they are counted by the second check, once the message holds them.
 */
export const BUILD_HEAP_BYTES_PER_CELL = 150;

interface Sized {
  readonly label: string;
  readonly size: number;
}

function checkHeap(populations: readonly Sized[], bytesPerCell: number, stage: string): void {
  if (populations.length === 0) return;
  const largest = populations.reduce((a, b) => (b.size > a.size ? b : a));
  const needed = largest.size * bytesPerCell;
  const heap = heapWithRoomFor(jsHeap(), needed);
  const free = Math.max(0, heapFreeBytes(heap));
  if (needed <= free) return;
  const raise = heap.raiseLimit ? `, or ${heap.raiseLimit}` : '';
  throw new MemoryError(
    `Population '${largest.label}': ${largest.size} cells are too many to encode into the network message in this ` +
      `process. ${stage} needs about ${gigabytesText(needed)} of JavaScript heap for them (${bytesPerCell} bytes a cell), ` +
      `and ${gigabytesText(free)} of the ${gigabytesText(heap.limitBytes)} heap limit is free: enough for at most ` +
      `${Math.floor(free / bytesPerCell)} cells. Nothing was built; use fewer cells${raise}.`,
  );
}

/** Before the message is made: room for its position arrays and for the encoder. */
export function checkBuildHeap(populations: readonly Sized[]): void {
  checkHeap(populations, BUILD_HEAP_BYTES_PER_CELL, 'Making and encoding the message');
}

/** Once the message exists (the heap it takes is then counted): room for the encoder to write one field. */
export function checkEncoderHeap(populations: readonly Sized[]): void {
  checkHeap(populations, ENCODER_HEAP_BYTES_PER_VALUE, "The protobuf encoder, writing one per-cell field at a time,");
}
