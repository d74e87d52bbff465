// StepCurrentSource: 0 before times[0], then amplitudes[k] from times[k], the last value held. Times must be
// non-negative and strictly increasing; they are rounded to the time grid with numpy's rint, and when two
// times round to the same step the later amplitude wins (PyNN's contract: [0.41, 0.42, 0.86] at dt 0.1 →
// [0.4, 0.9]).
import { ValueError } from '../errors.js';
import type { CurrentSource as CurrentSourceMessage } from '../generated/tsnn/v1/model.js';
import type { ArrayParameter } from '../random/sequence.js';
import { CurrentSource } from './current-source.js';
import { currentState } from '../simulation/state.js';
import { gridTime, rint } from './rint.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface StepCurrentSourceParameters {
  amplitudes?: ArrayParameter | readonly number[];
  times?: ArrayParameter | readonly number[];
}

/** Times and amplitudes on the grid of `dt`, duplicates resolved to the later amplitude. */
export function roundStepTimes(times: readonly number[], amplitudes: readonly number[], dt: number): { times: number[]; amplitudes: number[] } {
  const outTimes: number[] = [];
  const outAmps: number[] = [];
  let lastStep: number | undefined;
  times.forEach((t, k) => {
    const step = rint(t / dt);
    if (step === lastStep) {
      outAmps[outAmps.length - 1] = amplitudes[k]!;
    } else {
      outTimes.push(gridTime(step, dt));
      outAmps.push(amplitudes[k]!);
      lastStep = step;
    }
  });
  return { times: outTimes, amplitudes: outAmps };
}

export class StepCurrentSource extends CurrentSource {
  readonly table = { amplitudes: { default: [], unit: 'nA' }, times: { default: [], unit: 'ms' } };
  declare amplitudes: number[];
  declare times: number[];

  constructor(parameters: StepCurrentSourceParameters = {}, options: { label?: string } = {}) {
    checkOptionKeys('StepCurrentSource', options, ['label']);
    super('StepCurrentSource', options.label);
    this.init(parameters as Record<string, unknown>);
  }

  protected override checkConsistency(values: ReadonlyMap<string, number | number[]>): void {
    const times = values.get('times') as number[];
    const amplitudes = values.get('amplitudes') as number[];
    if (times.length !== amplitudes.length) {
      throw new ValueError(
        `StepCurrentSource: times (${times.length}) and amplitudes (${amplitudes.length}) must have the same length`,
      );
    }
    times.forEach((t, k) => {
      if (t < 0) throw new ValueError(`StepCurrentSource: times must be non-negative; times[${k}] = ${t}`);
      if (k > 0 && t <= times[k - 1]!) {
        throw new ValueError(
          `StepCurrentSource: times must be strictly increasing; times[${k - 1}] = ${times[k - 1]}, times[${k}] = ${t}`,
        );
      }
    });
  }

  /** times and amplitudes as the engine takes them, on the grid: PyNN's backends map them so when they are given. */
  override getParameter(name: string): number | number[] {
    if (name !== 'times' && name !== 'amplitudes') return super.getParameter(name);
    const rounded = this.onGrid((this.simulation ?? currentState()).timestep);
    return name === 'times' ? rounded.times : rounded.amplitudes;
  }

  protected kindMessage(dt: number): CurrentSourceMessage['kind'] {
    return { $case: 'step', value: this.onGrid(dt) };
  }

  private onGrid(dt: number): { times: number[]; amplitudes: number[] } {
    return roundStepTimes(super.getParameter('times') as number[], super.getParameter('amplitudes') as number[], dt);
  }
}
