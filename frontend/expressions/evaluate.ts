// Evaluates the contract's Expression tree in TypeScript, with the semantics every engine must share:
//   comparisons and logic give 1 or 0; non-zero (NaN included) is true;
//   division is IEEE (x/0 = ±Infinity, 0/0 = NaN) as numpy, not Python's ZeroDivisionError;
//   MODULO is Python's %: the result takes the sign of the divisor (fmod, then shifted by the divisor);
//   POWER is Math.pow; functions are numpy's (arctan2(y, x), minimum/maximum propagate NaN).
import {
  Expression_Binary_Op as BinaryOp,
  Expression_Call_Function as CallFunction,
  Expression_Unary_Op as UnaryOp,
  Expression_Variable as Variable,
  type Expression,
} from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';

/** Values of the variables: d (distance), d0..d2 (displacement components), i, j (indices). */
export interface ExpressionVariables {
  d?: number;
  d0?: number;
  d1?: number;
  d2?: number;
  i?: number;
  j?: number;
}

export type CompiledExpression = (variables: ExpressionVariables) => number;

const VARIABLE_KEYS: Readonly<Partial<Record<Variable, keyof ExpressionVariables>>> = {
  [Variable.D]: 'd',
  [Variable.D0]: 'd0',
  [Variable.D1]: 'd1',
  [Variable.D2]: 'd2',
  [Variable.I]: 'i',
  [Variable.J]: 'j',
};

/** Python's float %: sign of the divisor. */
export function pythonModulo(a: number, b: number): number {
  if (b === 0) return NaN;
  const remainder = a % b;
  return remainder !== 0 && remainder < 0 !== b < 0 ? remainder + b : remainder;
}

/** numpy's rint (and round): the nearest integer, ties to even, as C's nearbyint in the engine. */
export function roundHalfEven(x: number): number {
  const below = Math.floor(x);
  const fraction = x - below;  // exact: both lie within one unit of x
  if (fraction !== 0.5) return Math.round(x);  // Math.round is wrong only on ties
  const even = below % 2 === 0 ? below : below + 1;
  return even === 0 && x < 0 ? -0 : even;  // -0.5 rounds to -0, as nearbyint does
}

const truth = (value: number): boolean => value !== 0;
const flag = (value: boolean): number => (value ? 1 : 0);

function applyBinary(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case BinaryOp.ADD:
      return a + b;
    case BinaryOp.SUBTRACT:
      return a - b;
    case BinaryOp.MULTIPLY:
      return a * b;
    case BinaryOp.DIVIDE:
      return a / b;
    case BinaryOp.POWER:
      return Math.pow(a, b);
    case BinaryOp.MODULO:
      return pythonModulo(a, b);
    case BinaryOp.LESS:
      return flag(a < b);
    case BinaryOp.LESS_EQUAL:
      return flag(a <= b);
    case BinaryOp.GREATER:
      return flag(a > b);
    case BinaryOp.GREATER_EQUAL:
      return flag(a >= b);
    case BinaryOp.EQUAL:
      return flag(a === b);
    case BinaryOp.NOT_EQUAL:
      return flag(a !== b);
    case BinaryOp.AND:
      return flag(truth(a) && truth(b));
    case BinaryOp.OR:
      return flag(truth(a) || truth(b));
    default:
      throw new ValueError(`Expression: unknown binary operator code ${String(op)}`);
  }
}

const FUNCTIONS: Readonly<Partial<Record<CallFunction, { arity: number; apply: (...args: number[]) => number }>>> = {
  [CallFunction.EXP]: { arity: 1, apply: Math.exp },
  [CallFunction.LOG]: { arity: 1, apply: Math.log },
  [CallFunction.LOG10]: { arity: 1, apply: Math.log10 },
  [CallFunction.SQRT]: { arity: 1, apply: Math.sqrt },
  [CallFunction.SIN]: { arity: 1, apply: Math.sin },
  [CallFunction.COS]: { arity: 1, apply: Math.cos },
  [CallFunction.TAN]: { arity: 1, apply: Math.tan },
  [CallFunction.ARCSIN]: { arity: 1, apply: Math.asin },
  [CallFunction.ARCCOS]: { arity: 1, apply: Math.acos },
  [CallFunction.ARCTAN]: { arity: 1, apply: Math.atan },
  [CallFunction.SINH]: { arity: 1, apply: Math.sinh },
  [CallFunction.COSH]: { arity: 1, apply: Math.cosh },
  [CallFunction.TANH]: { arity: 1, apply: Math.tanh },
  [CallFunction.ABS]: { arity: 1, apply: Math.abs },
  [CallFunction.FLOOR]: { arity: 1, apply: Math.floor },
  [CallFunction.CEIL]: { arity: 1, apply: Math.ceil },
  [CallFunction.ARCTAN2]: { arity: 2, apply: Math.atan2 },
  [CallFunction.MINIMUM]: { arity: 2, apply: Math.min },
  [CallFunction.MAXIMUM]: { arity: 2, apply: Math.max },
  [CallFunction.FMOD]: { arity: 2, apply: (a, b) => a % b },  // JavaScript's % is C's fmod, exact
  [CallFunction.RINT]: { arity: 1, apply: roundHalfEven },
};

function child(node: Expression | undefined, where: string): Expression {
  if (node === undefined) throw new ValueError(`Expression: ${where} is missing`);
  return node;
}

function functionOf(code: CallFunction, argumentCount: number): (...args: number[]) => number {
  const fn = FUNCTIONS[code];
  if (fn === undefined) throw new ValueError(`Expression: unknown function code ${String(code)}`);
  if (fn.arity !== argumentCount) {
    throw new ValueError(`Expression: function ${CallFunction[code]} takes ${fn.arity} argument(s), got ${argumentCount}`);
  }
  return fn.apply;
}

function variableValue(code: Variable, variables: ExpressionVariables): number {
  const key = VARIABLE_KEYS[code];
  if (key === undefined) throw new ValueError(`Expression: unknown variable code ${String(code)}`);
  const value = variables[key];
  if (value === undefined) throw new ValueError(`Expression uses variable '${key}' but no value was given for it`);
  return value;
}

/** Value of the tree for one set of variable values. */
export function evaluateExpression(tree: Expression, variables: ExpressionVariables): number {
  const node = tree.node;
  if (node === undefined) throw new ValueError('Expression: empty node');
  switch (node.$case) {
    case 'constant':
      return node.value;
    case 'variable':
      return variableValue(node.value, variables);
    case 'unary': {
      const operand = evaluateExpression(child(node.value.operand, 'unary operand'), variables);
      if (node.value.op === UnaryOp.NEGATE) return -operand;
      if (node.value.op === UnaryOp.NOT) return flag(!truth(operand));
      throw new ValueError(`Expression: unknown unary operator code ${String(node.value.op)}`);
    }
    case 'binary':
      return applyBinary(
        node.value.op,
        evaluateExpression(child(node.value.left, 'binary left operand'), variables),
        evaluateExpression(child(node.value.right, 'binary right operand'), variables),
      );
    case 'call': {
      const fn = functionOf(node.value.function, node.value.arguments.length);
      return fn(...node.value.arguments.map((argument) => evaluateExpression(argument, variables)));
    }
    case 'conditional':
      return truth(evaluateExpression(child(node.value.condition, 'condition'), variables))
        ? evaluateExpression(child(node.value.then, 'then branch'), variables)
        : evaluateExpression(child(node.value.otherwise, 'otherwise branch'), variables);
  }
}

/**
 * The tree turned into nested closures once, for evaluating many pairs (p(d) over a pre × post block).
 * Same results as evaluateExpression.
 */
export function compileExpression(tree: Expression): CompiledExpression {
  const node = tree.node;
  if (node === undefined) throw new ValueError('Expression: empty node');
  switch (node.$case) {
    case 'constant': {
      const value = node.value;
      return () => value;
    }
    case 'variable': {
      const code = node.value;
      return (variables) => variableValue(code, variables);
    }
    case 'unary': {
      const operand = compileExpression(child(node.value.operand, 'unary operand'));
      if (node.value.op === UnaryOp.NEGATE) return (v) => -operand(v);
      if (node.value.op === UnaryOp.NOT) return (v) => flag(!truth(operand(v)));
      throw new ValueError(`Expression: unknown unary operator code ${String(node.value.op)}`);
    }
    case 'binary': {
      const op = node.value.op;
      const left = compileExpression(child(node.value.left, 'binary left operand'));
      const right = compileExpression(child(node.value.right, 'binary right operand'));
      applyBinary(op, 0, 1); // rejects unknown operators now rather than at the first evaluation
      return (v) => applyBinary(op, left(v), right(v));
    }
    case 'call': {
      const fn = functionOf(node.value.function, node.value.arguments.length);
      const args = node.value.arguments.map(compileExpression);
      if (args.length === 1) {
        const [a] = args;
        return (v) => fn(a(v));
      }
      const [a, b] = args;
      return (v) => fn(a(v), b(v));
    }
    case 'conditional': {
      const condition = compileExpression(child(node.value.condition, 'condition'));
      const then = compileExpression(child(node.value.then, 'then branch'));
      const otherwise = compileExpression(child(node.value.otherwise, 'otherwise branch'));
      return (v) => (truth(condition(v)) ? then(v) : otherwise(v));
    }
  }
}

/** The variables a tree reads. */
export function variablesUsed(tree: Expression): Set<Variable> {
  const found = new Set<Variable>();
  const visit = (node: Expression | undefined): void => {
    const n = node?.node;
    if (n === undefined) return;
    switch (n.$case) {
      case 'variable':
        found.add(n.value);
        return;
      case 'unary':
        visit(n.value.operand);
        return;
      case 'binary':
        visit(n.value.left);
        visit(n.value.right);
        return;
      case 'call':
        n.value.arguments.forEach(visit);
        return;
      case 'conditional':
        visit(n.value.condition);
        visit(n.value.then);
        visit(n.value.otherwise);
        return;
      default:
        return;
    }
  };
  visit(tree);
  return found;
}
