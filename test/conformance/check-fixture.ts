// Compares a tsnn run with a reference fixture under the fixture's stated tolerances (see docs/validation.md for
// why each tolerance is what it is). Returns the list of disagreements; an empty list means it conforms.
import type { Fixture } from './fixtures.js';
import { runFixture, type CellRecording } from './run-fixture.js';

const EPS = 1e-9;

/** Brian2's spike times under the fixture's (per-spike) tolerance. */
export function compareSpikes(fixture: Fixture, label: string, got: readonly number[]): string[] {
  const perSpike = fixture.tolerance.spike_time_steps_per_spike?.[label];
  return compareSpikeTrain(fixture, label, got, fixture.results[label]!.spikes!, 'reference', (k) => perSpike?.[k] ?? fixture.tolerance.spike_time_steps);
}

/** The accurate solution's spike times (conductance models), within accurate_spike_time_steps. */
export function compareAccurateSpikes(fixture: Fixture, label: string, got: readonly number[]): string[] {
  const want = fixture.results[label]!.spikes_accurate;
  const steps = fixture.tolerance.accurate_spike_time_steps;
  if (!want || steps === undefined) return [];
  return compareSpikeTrain(fixture, label, got, want, 'accurate solution', () => steps);
}

function compareSpikeTrain(
  fixture: Fixture,
  label: string,
  got: readonly number[],
  want: readonly number[],
  what: string,
  stepsOf: (k: number) => number,
): string[] {
  const tolOf = (k: number) => stepsOf(k) * fixture.dt + EPS;
  if (got.length !== want.length) {
    return [`${fixture.name} ${label}: ${got.length} spikes [${got.join(', ')}], ${what} ${want.length} [${want.join(', ')}]`];
  }
  const problems: string[] = [];
  want.forEach((t, k) => {
    if (Math.abs(got[k]! - t) > tolOf(k)) {
      problems.push(`${fixture.name} ${label}: spike ${k} at ${got[k]} ms, ${what} ${t} ms (tolerance ${tolOf(k).toFixed(3)} ms)`);
    }
  });
  return problems;
}

/** Max |got - want| over samples at t <= untilMs; reports the worst sample. */
export function compareTrace(
  fixture: Fixture,
  label: string,
  variable: string,
  got: readonly number[],
  tolerance: number,
  untilMs: number,
): string[] {
  const want = fixture.results[label]![variable]!;
  if (got.length !== want.length) {
    return [`${fixture.name} ${label}.${variable}: ${got.length} samples, reference ${want.length} (int(t_stop/dt)+1)`];
  }
  let worst = 0;
  let worstAt = -1;
  for (let k = 0; k < want.length; ++k) {
    if (fixture.times[k]! > untilMs + EPS) break;
    const d = Math.abs(got[k]! - want[k]!);
    if (!(d <= worst)) {
      worst = d;
      worstAt = k;
    }
  }
  if (worstAt >= 0 && !(worst <= tolerance)) {
    return [
      `${fixture.name} ${label}.${variable}: |tsnn - reference| = ${worst.toPrecision(3)} at t = ${fixture.times[worstAt]} ms ` +
        `(tsnn ${got[worstAt]}, reference ${want[worstAt]}), tolerance ${tolerance}`,
    ];
  }
  return [];
}

export function compareRecording(fixture: Fixture, recorded: Record<string, CellRecording>): string[] {
  const tol = fixture.tolerance;
  const problems: string[] = [];
  for (const { label } of fixture.populations) {
    const cell = recorded[label]!;
    problems.push(...compareSpikes(fixture, label, cell.spikes));
    problems.push(...compareAccurateSpikes(fixture, label, cell.spikes));
    const until = tol.v_compare_until_ms[label]!;
    problems.push(...compareTrace(fixture, label, 'v', cell.traces.v!, tol.v_mV, until));
    if (fixture.recorded.includes('u')) {
      problems.push(...compareTrace(fixture, label, 'u', cell.traces.u!, tol.u!, until));
    }
    for (const g of ['gsyn_exc', 'gsyn_inh']) {
      // conductances do not depend on the cell's own spikes: the whole trace is comparable
      if (fixture.recorded.includes(g)) {
        problems.push(...compareTrace(fixture, label, g, cell.traces[g]!, tol.gsyn_uS!, fixture.t_stop));
      }
    }
  }
  return problems;
}

export async function checkFixture(fixture: Fixture): Promise<string[]> {
  return compareRecording(fixture, await runFixture(fixture));
}
