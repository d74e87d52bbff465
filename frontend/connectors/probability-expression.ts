// Probability expressions of the expression-based connectors ("exp(-d/10)", "i == j + 1"): parsed into the
// contract's Expression tree by frontend/expressions (whose errors name the expression and what is allowed).
import type { DoubleMatrix, Expression } from '../generated/tsnn/v1/model.js';
import { InvalidParameterValueError } from '../errors.js';
import { parseExpression, type AllowedVariables } from '../expressions/index.js';

export function parseProbabilityExpression(
  owner: string,
  argument: string,
  source: string,
  allowedVariables: AllowedVariables,
): Expression {
  try {
    return parseExpression(source, { allowedVariables });
  } catch (err) {
    if (err instanceof InvalidParameterValueError) {
      throw new InvalidParameterValueError(`${owner}: invalid ${argument}: ${err.message}`);
    }
    throw err;
  }
}

/** p(i, j) for every pair, from a JS function, as a pre × post matrix; booleans count as 0/1 (as PyNN). */
export function probabilityMatrix(
  owner: string,
  rows: number,
  cols: number,
  probability: (i: number, j: number) => number | boolean,
): DoubleMatrix {
  const values = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const raw = probability(i, j);
      const p = typeof raw === 'boolean' ? Number(raw) : raw;
      if (typeof p !== 'number' || Number.isNaN(p)) {
        throw new InvalidParameterValueError(
          `${owner}: the probability function returned ${String(raw)} for pre ${i}, post ${j}; expected a number or a boolean`,
        );
      }
      values[i * cols + j] = p;
    }
  }
  return { rows, cols, values };
}
