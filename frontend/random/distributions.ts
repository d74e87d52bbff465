// The eleven distributions of pynn-api.md §8: parameter names in PyNN's positional order, the contract's kind,
// the domain checks, and how one value is drawn. PyNN's argument rules (KeyError for wrong names, ValueError for
// a wrong count) are applied here so that RandomDistribution and rng.next() behave the same.
import { KeyError, ValueError } from '../errors.js';
import { RandomDistribution_Kind } from '../generated/tsnn/v1/model.js';
import {
  sampleBinomial,
  sampleExponential,
  sampleGamma,
  sampleLognormal,
  sampleNormal,
  samplePoisson,
  sampleUniform,
  sampleUniformInt,
  sampleVonMises,
  type UniformSource,
} from './samplers.js';

export type DistributionName =
  | 'binomial'
  | 'gamma'
  | 'exponential'
  | 'lognormal'
  | 'normal'
  | 'normal_clipped'
  | 'normal_clipped_to_boundary'
  | 'poisson'
  | 'uniform'
  | 'uniform_int'
  | 'vonmises';

/** Parameters as PyNN accepts them: positional (reference order) or named. */
export type DistributionParameters = readonly number[] | Readonly<Record<string, number>>;

interface DistributionSpec {
  readonly parameterNames: readonly string[];
  readonly kind: RandomDistribution_Kind;
  /** Throws ValueError when the (ordered) parameters are outside the distribution's domain. */
  readonly check: (p: readonly number[], fail: (message: string) => never) => void;
  /** Draws one value; normal_clipped is handled by the caller (it redraws in rounds). */
  readonly draw: (source: UniformSource, p: readonly number[]) => number;
}

const finite = (value: number): boolean => Number.isFinite(value);

/** PyNN's available_distributions, in its order of parameter names. */
export const DISTRIBUTIONS: Readonly<Record<DistributionName, DistributionSpec>> = {
  binomial: {
    parameterNames: ['n', 'p'],
    kind: RandomDistribution_Kind.BINOMIAL,
    check: ([n, p], fail) => {
      if (!Number.isInteger(n) || n < 0) fail(`n must be a non-negative integer, got ${n}`);
      if (!(p >= 0 && p <= 1)) fail(`p must be in [0, 1], got ${p}`);
    },
    draw: (s, [n, p]) => sampleBinomial(s, n, p),
  },
  gamma: {
    parameterNames: ['k', 'theta'],
    kind: RandomDistribution_Kind.GAMMA,
    check: ([k, theta], fail) => {
      if (!(k > 0) || !finite(k)) fail(`k (shape) must be > 0, got ${k}`);
      if (!(theta > 0) || !finite(theta)) fail(`theta (scale) must be > 0, got ${theta}`);
    },
    draw: (s, [k, theta]) => sampleGamma(s, k, theta),
  },
  exponential: {
    parameterNames: ['beta'],
    kind: RandomDistribution_Kind.EXPONENTIAL,
    check: ([beta], fail) => {
      if (!(beta >= 0) || !finite(beta)) fail(`beta (scale) must be >= 0, got ${beta}`);
    },
    draw: (s, [beta]) => sampleExponential(s, beta),
  },
  lognormal: {
    parameterNames: ['mu', 'sigma'],
    kind: RandomDistribution_Kind.LOGNORMAL,
    check: ([mu, sigma], fail) => {
      if (!finite(mu)) fail(`mu must be finite, got ${mu}`);
      if (!(sigma >= 0) || !finite(sigma)) fail(`sigma must be >= 0, got ${sigma}`);
    },
    draw: (s, [mu, sigma]) => sampleLognormal(s, mu, sigma),
  },
  normal: {
    parameterNames: ['mu', 'sigma'],
    kind: RandomDistribution_Kind.NORMAL,
    check: ([mu, sigma], fail) => {
      if (!finite(mu)) fail(`mu must be finite, got ${mu}`);
      if (!(sigma >= 0) || !finite(sigma)) fail(`sigma must be >= 0, got ${sigma}`);
    },
    draw: (s, [mu, sigma]) => sampleNormal(s, mu, sigma),
  },
  normal_clipped: {
    parameterNames: ['mu', 'sigma', 'low', 'high'],
    kind: RandomDistribution_Kind.NORMAL_CLIPPED,
    check: (p, fail) => checkClipped(p, fail),
    draw: (s, [mu, sigma]) => sampleNormal(s, mu, sigma),
  },
  normal_clipped_to_boundary: {
    parameterNames: ['mu', 'sigma', 'low', 'high'],
    kind: RandomDistribution_Kind.NORMAL_CLIPPED_TO_BOUNDARY,
    check: (p, fail) => checkClipped(p, fail),
    draw: (s, [mu, sigma, low, high]) => Math.max(Math.min(sampleNormal(s, mu, sigma), high), low),
  },
  poisson: {
    parameterNames: ['lambda_'],
    kind: RandomDistribution_Kind.POISSON,
    check: ([lambda], fail) => {
      if (!(lambda >= 0) || !finite(lambda)) fail(`lambda_ must be >= 0, got ${lambda}`);
    },
    draw: (s, [lambda]) => samplePoisson(s, lambda),
  },
  uniform: {
    parameterNames: ['low', 'high'],
    kind: RandomDistribution_Kind.UNIFORM,
    check: ([low, high], fail) => {
      if (!finite(low) || !finite(high)) fail(`low and high must be finite, got ${low}, ${high}`);
    },
    draw: (s, [low, high]) => sampleUniform(s, low, high),
  },
  uniform_int: {
    parameterNames: ['low', 'high'],
    kind: RandomDistribution_Kind.UNIFORM_INT,
    check: ([low, high], fail) => {
      if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
        fail(`low and high must be integers, got ${low}, ${high}`);
      }
      if (!(low < high)) fail(`low must be < high (integers in [low, high)), got ${low}, ${high}`);
    },
    draw: (s, [low, high]) => sampleUniformInt(s, low, high),
  },
  vonmises: {
    parameterNames: ['mu', 'kappa'],
    kind: RandomDistribution_Kind.VONMISES,
    check: ([mu, kappa], fail) => {
      if (!finite(mu)) fail(`mu must be finite, got ${mu}`);
      if (!(kappa >= 0) || !finite(kappa)) fail(`kappa must be >= 0, got ${kappa}`);
    },
    draw: (s, [mu, kappa]) => sampleVonMises(s, mu, kappa),
  },
};

function checkClipped([mu, sigma, low, high]: readonly number[], fail: (message: string) => never): void {
  if (!finite(mu)) fail(`mu must be finite, got ${mu}`);
  if (!(sigma >= 0) || !finite(sigma)) fail(`sigma must be >= 0, got ${sigma}`);
  if (Number.isNaN(low) || Number.isNaN(high) || !(low <= high)) {
    fail(`low must be <= high (infinite bounds allowed), got ${low}, ${high}`);
  }
}

export const DISTRIBUTION_NAMES = Object.keys(DISTRIBUTIONS) as DistributionName[];

/** PyNN redraws out-of-range normal_clipped values in rounds and gives up after this many. */
export const MAX_REDRAWS = 1000;

export function distributionSpec(name: string): DistributionSpec {
  if (!Object.prototype.hasOwnProperty.call(DISTRIBUTIONS, name)) {
    throw new KeyError(
      `Unknown random distribution '${name}' (available distributions are: ${DISTRIBUTION_NAMES.join(', ')})`,
    );
  }
  return DISTRIBUTIONS[name as DistributionName];
}

/**
 * Parameters in reference order, from PyNN's two styles. Named: exactly the expected names, else KeyError.
 * Positional: exactly the expected count, else ValueError. Values must be numbers within the domain (ValueError).
 */
export function resolveDistributionParameters(name: string, parameters: DistributionParameters): number[] {
  const spec = distributionSpec(name);
  const expected = spec.parameterNames;
  let ordered: number[];
  if (Array.isArray(parameters)) {
    const positional = parameters as readonly number[];
    if (positional.length !== expected.length) {
      throw new ValueError(
        `Incorrect number of parameters for random distribution '${name}': expected ${expected.length} ` +
          `(${expected.join(', ')}), got ${positional.length} ([${positional.join(', ')}])`,
      );
    }
    ordered = [...positional];
  } else {
    const named = parameters as Readonly<Record<string, number>>;
    const given = Object.keys(named);
    const missing = expected.filter((key) => !given.includes(key));
    const extra = given.filter((key) => !expected.includes(key));
    if (missing.length > 0 || extra.length > 0) {
      throw new KeyError(
        `Incorrect parameterization of random distribution '${name}'. Expected (${expected.join(', ')}), ` +
          `got (${given.join(', ')})`,
      );
    }
    ordered = expected.map((key) => named[key]);
  }
  ordered.forEach((value, i) => {
    if (typeof value !== 'number') {
      throw new ValueError(
        `Random distribution '${name}': parameter ${expected[i]} must be a number, got ${typeof value} (${String(value)})`,
      );
    }
  });
  spec.check(ordered, (message) => {
    throw new ValueError(`Random distribution '${name}': ${message}`);
  });
  return ordered;
}

/**
 * n values of a distribution (parameters already resolved). normal_clipped redraws the values outside
 * [low, high] in rounds, as PyNN does, and throws after MAX_REDRAWS rounds.
 */
export function drawValues(source: UniformSource, name: string, parameters: readonly number[], n: number): number[] {
  const spec = distributionSpec(name);
  const values = new Array<number>(n);
  for (let i = 0; i < n; ++i) values[i] = spec.draw(source, parameters);
  if (name === 'normal_clipped') {
    const [, , low, high] = parameters;
    let outside: number[] = [];
    for (let i = 0; i < n; ++i) if (values[i] < low || values[i] > high) outside.push(i);
    let rounds = 0;
    while (outside.length > 0) {
      if (rounds > MAX_REDRAWS) {
        throw new Error(
          `normal_clipped(mu=${parameters[0]}, sigma=${parameters[1]}, low=${low}, high=${high}): maximum number ` +
            `of redraws (${MAX_REDRAWS}) exceeded. Check the parameterization of your distribution.`,
        );
      }
      const still: number[] = [];
      for (const i of outside) {
        values[i] = spec.draw(source, parameters);
        if (values[i] < low || values[i] > high) still.push(i);
      }
      outside = still;
      rounds += 1;
    }
  }
  return values;
}
