// Builders of the contract's RecordedData messages, as an engine would stream them (simulator.proto).
import type { RecordedData } from '../../frontend/generated/tsnn/v1/simulator.js';

export function spikesMessage(population: number, cells: number[], steps: number[]): RecordedData {
  return {
    population,
    variable: 'spikes',
    spikeCells: cells,
    spikeSteps: steps.map((s) => BigInt(s)),
    firstSample: 0n,
    nSamples: 0,
    nCells: 0,
    samples: Buffer.alloc(0),
    isCurrentSource: false,
  };
}

/** Samples first..first+nSamples-1 of nCells cells, value(k, c) for absolute sample k and column c. */
export function samplesMessage(
  population: number,
  variable: string,
  firstSample: number,
  nSamples: number,
  nCells: number,
  value: (k: number, c: number) => number,
  isCurrentSource = false,
): RecordedData {
  const bytes = Buffer.alloc(4 * nSamples * nCells);
  for (let k = 0; k < nSamples; ++k) {
    for (let c = 0; c < nCells; ++c) bytes.writeFloatLE(value(firstSample + k, c), 4 * (k * nCells + c));
  }
  return {
    population,
    variable,
    spikeCells: [],
    spikeSteps: [],
    firstSample: BigInt(firstSample),
    nSamples,
    nCells,
    samples: bytes,
    isCurrentSource,
  };
}
