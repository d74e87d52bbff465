// PyNN's check on a distance-dependent probability string: p(d) must be ≥ 0 at d = 0 and at d = 1e12
// (DistanceDependentProbabilityConnector evaluates the string at both before accepting it).
import { InvalidParameterValueError } from '../errors.js';
import type { Expression } from '../generated/tsnn/v1/model.js';
import { evaluateExpression } from './evaluate.js';

/**
 * Throws InvalidParameterValueError quoting `source` when p(0) or p(1e12) is negative or not a number
 * (NaN and an infinite p(0) cover PyNN's ZeroDivisionError). The displacement components are taken equal to d at both points.
 */
export function checkDistanceProbability(source: string, tree: Expression): void {
  for (const d of [0, 1e12]) {
    const p = evaluateExpression(tree, { d, d0: d, d1: d, d2: d });
    // Infinity at d = 0 is a division by d, which PyNN's check meets as ZeroDivisionError.
    if (Number.isNaN(p) || p < 0 || (d === 0 && !Number.isFinite(p))) {
      throw new InvalidParameterValueError(
        `Invalid distance expression "${source}": it must give a probability >= 0 at d = 0 and d = 1e12, ` +
          `got ${p} at d = ${d}`,
      );
    }
  }
}
