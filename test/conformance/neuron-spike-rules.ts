// Spike-time rules for references that reset in continuous time (NEURON at a fine step): NEURON resets at the
// threshold crossing t*, a grid simulator (NEST, tsnn) at the first sample at or after it. See the generators
// test/reference/neuron_*.py for why each rule holds.
const EPS = 1e-9;

/**
 * Under synaptic drive: the same number of spikes, and the first within [t*, t* + dt] (± the reference's own
 * spike-time error). Later spikes are not compared: how far a reset one step late moves the next crossing depends
 * on the input still arriving, and in a slow crossing it is many steps (EIF_cond_alpha_isfa_ista's 4th synaptic
 * spike: NEURON 26.562 ms, the NEST-convention grid model at dt = 0.1 / 0.01 / 0.001 ms 29.0 / 26.67 / 26.57 ms;
 * see docs/validation.md).
 */
export function firstSpikeOnNextSampleAndCount(got: readonly number[], want: readonly number[], dt: number, refError: number): string[] {
  if (got.length !== want.length) return [`${got.length} spikes [${got.join(', ')}], reference ${want.length} [${want.join(', ')}]`];
  return eachSpikeLagWithin(got.slice(0, 1), want.slice(0, 1), dt, () => 1, refError);
}

/** Each spike within [t*, t* + steps(k)·dt] (+ the reference's own spike-time error). */
export function eachSpikeLagWithin(got: readonly number[], want: readonly number[], dt: number, stepsOf: (k: number) => number, refError: number): string[] {
  if (got.length !== want.length) return [`${got.length} spikes [${got.join(', ')}], reference ${want.length} [${want.join(', ')}]`];
  const problems: string[] = [];
  want.forEach((t, k) => {
    const lag = got[k]! - t;
    const steps = stepsOf(k);
    if (lag < -refError - EPS || lag > steps * dt + refError + EPS) {
      problems.push(`spike ${k} at ${got[k]} ms, reference crossing ${t} ms: ${lag.toFixed(4)} ms after it, allowed [0, ${(steps * dt).toFixed(3)}] ± ${refError}`);
    }
  });
  return problems;
}

/**
 * Under constant drive the grid trajectory is the reference delayed by the rounding of the last crossing: the first
 * spike within [t*, t* + dt], every inter-spike interval within one step of the reference's.
 */
export function intervalsWithinOneStep(got: readonly number[], want: readonly number[], dt: number, refError: number): string[] {
  if (got.length !== want.length) return [`${got.length} spikes [${got.join(', ')}], reference ${want.length} [${want.join(', ')}]`];
  if (got.length === 0) return [];
  const problems = eachSpikeLagWithin(got.slice(0, 1), want.slice(0, 1), dt, () => 1, refError);
  for (let k = 1; k < want.length; ++k) {
    const d = got[k]! - got[k - 1]! - (want[k]! - want[k - 1]!);
    if (Math.abs(d) > dt + 2 * refError + EPS) {
      problems.push(`interval ${k - 1}->${k}: tsnn ${(got[k]! - got[k - 1]!).toFixed(4)} ms, reference ${(want[k]! - want[k - 1]!).toFixed(4)} ms (allowed ± ${dt} ms)`);
    }
  }
  return problems;
}
