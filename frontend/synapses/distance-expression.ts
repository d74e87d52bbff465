// Distance expressions of synaptic values ("0.2 + 0.3*d"): parsed once into the contract's Expression tree by
// frontend/expressions; syntax errors and unknown names are PyNN's InvalidParameterValueError.
import type { Expression } from '../generated/tsnn/v1/model.js';
import { InvalidParameterValueError } from '../errors.js';
import { parseExpression } from '../expressions/index.js';

export function parseDistanceExpression(owner: string, name: string, source: string): Expression {
  try {
    return parseExpression(source, { allowedVariables: 'distance' });
  } catch (err) {
    if (err instanceof InvalidParameterValueError) {
      throw new InvalidParameterValueError(`${owner}: parameter '${name}': ${err.message}`);
    }
    throw err;
  }
}
