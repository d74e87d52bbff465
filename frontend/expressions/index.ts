// PyNN distance/index expressions: parsed into the contract's Expression tree and evaluated in TypeScript.
export { parseExpression, FUNCTION_NAMES, type ParseOptions } from './parser.js';
export {
  evaluateExpression,
  compileExpression,
  variablesUsed,
  pythonModulo,
  type ExpressionVariables,
  type CompiledExpression,
} from './evaluate.js';
export { checkDistanceProbability } from './probability-check.js';
export { formatExpression } from './format.js';
export {
  VARIABLE_NAMES,
  DISTANCE_VARIABLES,
  DISPLACEMENT_VARIABLES,
  INDEX_VARIABLES,
  type AllowedVariables,
  type VariableName,
} from './variables.js';
