// Firing statistics used to validate the microcircuit: mean rate per population and the coefficient of variation
// of inter-spike intervals (irregular firing: CV near 1; published values ~0.7–1.0 for the microcircuit).

export interface TrainLike {
  readonly times: ArrayLike<number>;
}

export interface SpikeStatistics {
  meanRate: number;
  /** Mean CV of ISI over cells with at least `minSpikesForCv` spikes; NaN if none. */
  meanCv: number;
  cellsWithCv: number;
  /** All spikes of the population, flattened, with the cell index (position in `trains`). */
  times: Float64Array;
  cells: Uint32Array;
}

export function coefficientOfVariation(times: ArrayLike<number>): number {
  const n = times.length - 1;
  if (n < 2) return Number.NaN;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += times[k + 1] - times[k];
  const mean = sum / n;
  let sq = 0;
  for (let k = 0; k < n; k++) sq += (times[k + 1] - times[k] - mean) ** 2;
  return Math.sqrt(sq / n) / mean;
}

/** Statistics over [tStart, tStop) ms; `trains` in cell order. */
export function analyseSpikeTrains(trains: readonly TrainLike[], tStart: number, tStop: number, minSpikesForCv = 5): SpikeStatistics {
  let total = 0;
  for (const train of trains) for (let k = 0; k < train.times.length; k++) if (train.times[k] >= tStart && train.times[k] < tStop) total++;
  const times = new Float64Array(total);
  const cells = new Uint32Array(total);
  let at = 0;
  let cvSum = 0;
  let cvCount = 0;
  trains.forEach((train, cell) => {
    const inWindow: number[] = [];
    for (let k = 0; k < train.times.length; k++) {
      const t = train.times[k];
      if (t >= tStart && t < tStop) {
        times[at] = t;
        cells[at++] = cell;
        inWindow.push(t);
      }
    }
    if (inWindow.length >= minSpikesForCv) {
      cvSum += coefficientOfVariation(inWindow);
      cvCount++;
    }
  });
  const seconds = (tStop - tStart) / 1000;
  return {
    meanRate: trains.length ? total / trains.length / seconds : 0,
    meanCv: cvCount ? cvSum / cvCount : Number.NaN,
    cellsWithCv: cvCount,
    times,
    cells,
  };
}
