// Random numbers (pyNN.random) and array-valued parameters (pyNN.parameters.Sequence).
export { philox4x32_10, philoxDraw, uniformFromWords, mulhi32, splitWords } from './philox.js';
export { AbstractRNG, NumpyRNG, GSLRNG, NativeRNG, FRONTEND_STREAM, drawRandomSeed, type RNGOptions } from './rng.js';
export { rngSpec } from './rng-spec.js';
export { RandomDistribution, type RandomDistributionParameters } from './random-distribution.js';
export {
  DISTRIBUTIONS,
  DISTRIBUTION_NAMES,
  MAX_REDRAWS,
  distributionSpec,
  resolveDistributionParameters,
  drawValues,
  type DistributionName,
  type DistributionParameters,
} from './distributions.js';
export type { UniformSource } from './samplers.js';
export { ArrayParameter, Sequence } from './sequence.js';
