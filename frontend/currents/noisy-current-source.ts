// NoisyCurrentSource: a new N(mean, stdev) value every `dt` ms on [start, stop), 0 after. The values are drawn
// by the engine from the source's own RNG stream, so every backend injects the same noise.
import { ValueError } from '../errors.js';
import { RngSpec_Kind, type CurrentSource as CurrentSourceMessage, type RngSpec } from '../generated/tsnn/v1/model.js';
import type { AbstractRNG } from '../random/rng.js';
import { engineStream, rngSpec } from '../random/rng-spec.js';
import { currentState } from '../simulation/state.js';
import { CurrentSource } from './current-source.js';
import { isGridMultiple } from '../core/grid-time.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface NoisyCurrentSourceParameters {
  mean?: number;
  stdev?: number;
  start?: number;
  stop?: number;
  dt?: number;
}

export class NoisyCurrentSource extends CurrentSource {
  readonly table = {
    mean: { default: 0.0, unit: 'nA' },
    stdev: { default: 1.0, unit: 'nA' },
    start: { default: 0.0, unit: 'ms' },
    stop: { default: 1e12, unit: 'ms' },
    dt: { default: 0.1, unit: 'ms' },
  };
  declare mean: number;
  declare stdev: number;
  declare start: number;
  declare stop: number;
  declare dt: number;
  readonly rng: AbstractRNG | undefined;
  /** This source's RNG stream, allocated in construction order. */
  private readonly stream: bigint;

  constructor(parameters: NoisyCurrentSourceParameters = {}, options: { label?: string; rng?: AbstractRNG } = {}) {
    checkOptionKeys('NoisyCurrentSource', options, ['label', 'rng']);
    super('NoisyCurrentSource', options.label);
    this.rng = options.rng;
    const allocate = () => currentState().allocateStream();
    this.stream = this.rng ? engineStream(this.rng, allocate) : allocate();
    this.init(parameters as Record<string, unknown>);
  }

  protected override checkConsistency(values: ReadonlyMap<string, number | number[]>): void {
    if (!((values.get('dt') as number) > 0)) throw new ValueError(`NoisyCurrentSource: dt must be positive, got ${values.get('dt')}`);
    if ((values.get('stdev') as number) < 0) throw new ValueError(`NoisyCurrentSource: stdev must be ≥ 0, got ${values.get('stdev')}`);
  }

  private rngMessage(): RngSpec {
    if (this.rng) return rngSpec(this.rng, this.stream);
    return { kind: RngSpec_Kind.NATIVE, hasSeed: false, seed: 0n, stream: this.stream, parallelSafe: true };
  }

  protected kindMessage(dt: number): CurrentSourceMessage['kind'] {
    const v = this.getParameters() as Record<string, number>;
    if (v.dt! < dt - 1e-12) {
      throw new ValueError(`NoisyCurrentSource '${this.label}': dt ${v.dt} ms must not be smaller than the simulation timestep ${dt} ms`);
    }
    // NEST refuses a dt off the time grid; rounding it would change the noise's rate without a word.
    if (!isGridMultiple(v.dt!, dt)) {
      throw new ValueError(`NoisyCurrentSource '${this.label}': dt ${v.dt} ms must be a multiple of the simulation timestep ${dt} ms`);
    }
    return {
      $case: 'noisy',
      value: { mean: v.mean!, stdev: v.stdev!, start: v.start!, stop: v.stop!, dt: v.dt!, rng: this.rngMessage() },
    };
  }
}
