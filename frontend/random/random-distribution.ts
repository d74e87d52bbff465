// PyNN's RandomDistribution: a named distribution, its parameters and the RNG that draws it.
import type { RandomDistribution as RandomDistributionMessage } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';
import {
  distributionSpec,
  resolveDistributionParameters,
  type DistributionName,
  type DistributionParameters,
} from './distributions.js';
import { AbstractRNG, NumpyRNG } from './rng.js';
import { engineStream, rngSpec } from './rng-spec.js';

/** Named parameters may carry PyNN's `rng` keyword too: { mu: 0, sigma: 1, rng }. */
export type RandomDistributionParameters = readonly number[] | Readonly<Record<string, number | AbstractRNG>>;

/**
 * new RandomDistribution('normal', [mu, sigma], rng?) or new RandomDistribution('normal', { mu, sigma }, rng?).
 * All parameters are required. Wrong names → KeyError; wrong count → ValueError; unknown distribution → KeyError.
 * Without an rng, an unseeded NumpyRNG is used (as PyNN).
 */
export class RandomDistribution {
  readonly name: DistributionName;
  /** The parameters in the reference's positional order (pynn-api.md §8). */
  readonly parameters: readonly number[];
  readonly rng: AbstractRNG;

  constructor(distribution: string, parameters: RandomDistributionParameters, rng?: AbstractRNG) {
    if (typeof distribution !== 'string') {
      throw new ValueError(`RandomDistribution: distribution must be a name string, got ${String(distribution)}`);
    }
    const spec = distributionSpec(distribution);
    let values: DistributionParameters;
    let chosenRng = rng;
    if (Array.isArray(parameters)) {
      values = parameters as readonly number[];
    } else if (parameters !== null && typeof parameters === 'object') {
      const { rng: namedRng, ...rest } = parameters as Record<string, number | AbstractRNG>;
      if (namedRng !== undefined) {
        if (chosenRng !== undefined) {
          throw new ValueError(`RandomDistribution('${distribution}'): rng given twice (argument and named parameter)`);
        }
        chosenRng = namedRng as AbstractRNG;
      }
      values = rest as Record<string, number>;
    } else {
      throw new ValueError(
        `RandomDistribution('${distribution}'): parameters must be an array in the order ` +
          `(${spec.parameterNames.join(', ')}) or an object with those names, got ${String(parameters)}`,
      );
    }
    if (chosenRng !== undefined && !(chosenRng instanceof AbstractRNG)) {
      throw new ValueError(
        `RandomDistribution('${distribution}'): rng must be a NumpyRNG, GSLRNG or NativeRNG, got ${String(chosenRng)}`,
      );
    }
    this.name = distribution as DistributionName;
    this.parameters = Object.freeze(resolveDistributionParameters(distribution, values));
    this.rng = chosenRng ?? new NumpyRNG();
  }

  /** Parameter names in positional order. */
  get parameterNames(): readonly string[] {
    return distributionSpec(this.name).parameterNames;
  }

  /** Parameters by name, like PyNN's `parameters` dict. */
  namedParameters(): Record<string, number> {
    const names = this.parameterNames;
    return Object.fromEntries(names.map((key, i) => [key, this.parameters[i]]));
  }

  /** n undefined → one number; n = 0 → []; n > 0 → n numbers; n < 0 → ValueError. */
  next(): number;
  next(n: undefined): number;
  next(n: number): number[];
  next(n?: number): number | number[] {
    return n === undefined
      ? this.rng.next(undefined, this.name, this.parameters)
      : this.rng.next(n, this.name, this.parameters);
  }

  /** The message of one random use on an engine, on the stream engineStream picks (rng-spec.ts). */
  engineMessage(allocate: () => bigint): RandomDistributionMessage {
    return this.toMessage(engineStream(this.rng, allocate));
  }

  /** The contract's message: engines draw from this distribution on `stream` of the rng's seed. */
  toMessage(stream: bigint): RandomDistributionMessage {
    return {
      kind: distributionSpec(this.name).kind,
      parameters: [...this.parameters],
      rng: rngSpec(this.rng, stream),
    };
  }

  toString(): string {
    const named = this.parameterNames.map((key, i) => `'${key}': ${this.parameters[i]}`).join(', ');
    return `RandomDistribution('${this.name}', {${named}}, ${this.rng.toString()})`;
  }
}
