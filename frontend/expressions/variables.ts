// The variables an expression may use, by kind of connector: distance expressions see d (the distance under the
// projection's Space) and d[0], d[1], d[2] (the displacement post − pre); displacement expressions only the
// components; index expressions i (presynaptic index) and j (postsynaptic index).
import { ValueError } from '../errors.js';

export const VARIABLE_NAMES = ['d', 'd[0]', 'd[1]', 'd[2]', 'i', 'j'] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

export const DISTANCE_VARIABLES: readonly VariableName[] = ['d', 'd[0]', 'd[1]', 'd[2]'];
export const DISPLACEMENT_VARIABLES: readonly VariableName[] = ['d[0]', 'd[1]', 'd[2]'];
export const INDEX_VARIABLES: readonly VariableName[] = ['i', 'j'];

export type AllowedVariables = 'distance' | 'displacement' | 'index' | readonly VariableName[];

export function resolveAllowedVariables(allowed: AllowedVariables): ReadonlySet<VariableName> {
  if (allowed === 'distance') return new Set(DISTANCE_VARIABLES);
  if (allowed === 'displacement') return new Set(DISPLACEMENT_VARIABLES);
  if (allowed === 'index') return new Set(INDEX_VARIABLES);
  if (!Array.isArray(allowed)) {
    throw new ValueError(
      `allowedVariables must be 'distance', 'displacement', 'index' or a list of ${VARIABLE_NAMES.join(', ')}; got ${String(allowed)}`,
    );
  }
  for (const name of allowed) {
    if (!(VARIABLE_NAMES as readonly string[]).includes(name)) {
      throw new ValueError(`allowedVariables: unknown variable '${String(name)}' (known: ${VARIABLE_NAMES.join(', ')})`);
    }
  }
  return new Set(allowed);
}
