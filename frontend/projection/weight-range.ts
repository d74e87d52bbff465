// What is known about the weights of a projection before any engine has drawn them: their smallest and largest
// possible value and a representative one (PyNN looks at the weight of the last pair to choose the default
// receptor). Used for the default receptor rule and for the weight-sign checks (pynn-api.md §4).
import { RandomDistribution_Kind as Kind, type RandomDistribution, type Value } from '../generated/tsnn/v1/model.js';
import { evaluateExpression } from '../expressions/index.js';
import type { PairFilter } from '../connectors/connector.js';
import type { PairGeometry } from './pair-geometry.js';

export interface WeightRange {
  /** Lower and upper bounds; ±Infinity where a distribution is unbounded. */
  min: number;
  max: number;
  /** The weight PyNN would look at for the default receptor: the last pair's, or a distribution's mean. */
  representative: number;
}

function distributionRange(d: RandomDistribution): WeightRange {
  const [a = 0, b = 0, c = 0, e = 0] = d.parameters;
  switch (d.kind) {
    case Kind.UNIFORM:
      return { min: a, max: b, representative: (a + b) / 2 };
    case Kind.UNIFORM_INT:
      return { min: a, max: b - 1, representative: (a + b - 1) / 2 };
    case Kind.NORMAL:
      return b === 0 ? { min: a, max: a, representative: a } : { min: -Infinity, max: Infinity, representative: a };
    case Kind.NORMAL_CLIPPED:
    case Kind.NORMAL_CLIPPED_TO_BOUNDARY:
      return { min: c, max: e, representative: Math.min(Math.max(a, c), e) };
    case Kind.VONMISES:
      return { min: -Math.PI, max: Math.PI, representative: a };
    case Kind.LOGNORMAL:
      return { min: 0, max: Infinity, representative: Math.exp(a + (b * b) / 2) };
    case Kind.EXPONENTIAL:
      return { min: 0, max: Infinity, representative: a };
    case Kind.GAMMA:
      return { min: 0, max: Infinity, representative: a * b };
    case Kind.POISSON:
      return { min: 0, max: Infinity, representative: a };
    case Kind.BINOMIAL:
      return { min: 0, max: a, representative: a * b };
    default:
      return { min: -Infinity, max: Infinity, representative: 0 };
  }
}

function rangeOf(values: ArrayLike<number>): WeightRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  let last = Number.NaN;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    last = v;
  }
  return Number.isNaN(last) ? undefined : { min, max, representative: last };
}

/** `values` (pre × post, row-major) where `possible` allows the pair. */
function possibleValues(values: ArrayLike<number>, postSize: number, possible: PairFilter): number[] {
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) if (possible(Math.floor(k / postSize), k % postSize)) out.push(values[k]!);
  return out;
}

/**
 * The range of a weight Value; undefined when there is no value at all (an empty list or all-NaN matrix). With
 * `possible`, a matrix or an expression counts only the pairs the connector can make.
 */
export function weightRange(
  value: Value | undefined,
  geometry: () => PairGeometry,
  possible?: PairFilter,
): WeightRange | undefined {
  const kind = value?.kind;
  if (!kind) return { min: 0, max: 0, representative: 0 };
  switch (kind.$case) {
    case 'scalar':
      return { min: kind.value, max: kind.value, representative: kind.value };
    case 'array':
      return rangeOf(kind.value.values);
    case 'matrix':
      return rangeOf(possible ? possibleValues(kind.value.values, kind.value.cols, possible) : kind.value.values);
    case 'distribution':
      return distributionRange(kind.value);
    case 'expression': {
      const g = geometry();
      const values = new Float64Array(g.preSize * g.postSize);
      for (let i = 0; i < g.preSize; i++) {
        for (let j = 0; j < g.postSize; j++) {
          const [d0, d1, d2] = g.displacement(i, j);
          values[i * g.postSize + j] =
            possible && !possible(i, j) ? NaN : evaluateExpression(kind.value, { d: g.distance(i, j), d0, d1, d2 });
        }
      }
      return rangeOf(values);
    }
    default:
      return undefined;
  }
}

/** The range of explicit per-connection weights (a FromListConnector's weight column). */
export function explicitWeightRange(values: ArrayLike<number>): WeightRange | undefined {
  return rangeOf(values);
}
