// Refuses, before the network is encoded and built, one the WebAssembly engine's 4 GiB cannot hold. A build that
// does not fit runs out of memory after it has been encoded and half built (about 7 µs a cell: over a minute for
// ten million cells) and then names no population. The figures are lower bounds, so that only networks that
// certainly do not fit are refused; one near the limit still goes to the engine, which refuses it itself.
import { MemoryError } from '../../errors.js';
import type { Network } from '../../generated/tsnn/v1/model.js';

/** The most memory a wasm32 instance can have. */
export const ENGINE_MEMORY_BYTES = 4 * 2 ** 30;

/**
 * Engine bytes a cell takes at least, by cell type: its state, parameters and input channels, measured at 2^19–2^21
 * cells (IF_curr_exp, IF_cond_exp, HH_cond_exp 370–500; Izhikevich 240; SpikeSourcePoisson 200; SpikeSourceArray
 * 115), taken somewhat lower. Any other type: the least of the neuron models.
 */
const CELL_BYTES: Readonly<Record<string, number>> = {
  SpikeSourceArray: 100,
  SpikeSourcePoisson: 180,
  Izhikevich: 220,
};
const NEURON_CELL_BYTES = 300;

/** The network message and its decoded copy: each cell's position, 24 bytes, twice. */
const MESSAGE_BYTES_PER_CELL = 48;

export function checkEngineMemory(network: Network): void {
  let needed = 0;
  let largest: { label: string; size: number; bytes: number } | undefined;
  for (const population of network.populations) {
    const name = population.cellType?.name ?? '';
    const perCell = (CELL_BYTES[name] ?? NEURON_CELL_BYTES) + MESSAGE_BYTES_PER_CELL;
    const bytes = population.size * perCell;
    needed += bytes;
    if (!largest || bytes > largest.bytes) largest = { label: population.label, size: population.size, bytes };
  }
  if (needed <= ENGINE_MEMORY_BYTES || !largest) return;
  const gigabytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  throw new MemoryError(
    `The network's ${network.populations.length} populations need at least ${gigabytes(needed)} of the WebAssembly ` +
      `engine's memory, more than the ${gigabytes(ENGINE_MEMORY_BYTES)} a wasm32 engine can have (the largest, ` +
      `'${largest.label}' with ${largest.size} cells, at least ${gigabytes(largest.bytes)}). Nothing was built; use ` +
      'fewer cells, or the gRPC backend (a native server has no such limit).',
  );
}
