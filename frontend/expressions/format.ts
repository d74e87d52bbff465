// Writes an Expression tree back as text (Python syntax, fully parenthesised), for describe() and messages.
import {
  Expression_Binary_Op as BinaryOp,
  Expression_Call_Function as CallFunction,
  Expression_Unary_Op as UnaryOp,
  Expression_Variable as Variable,
  type Expression,
} from '../generated/tsnn/v1/model.js';

const BINARY_TEXT: Readonly<Partial<Record<BinaryOp, string>>> = {
  [BinaryOp.ADD]: '+',
  [BinaryOp.SUBTRACT]: '-',
  [BinaryOp.MULTIPLY]: '*',
  [BinaryOp.DIVIDE]: '/',
  [BinaryOp.POWER]: '**',
  [BinaryOp.MODULO]: '%',
  [BinaryOp.LESS]: '<',
  [BinaryOp.LESS_EQUAL]: '<=',
  [BinaryOp.GREATER]: '>',
  [BinaryOp.GREATER_EQUAL]: '>=',
  [BinaryOp.EQUAL]: '==',
  [BinaryOp.NOT_EQUAL]: '!=',
  [BinaryOp.AND]: 'and',
  [BinaryOp.OR]: 'or',
};

const VARIABLE_TEXT: Readonly<Partial<Record<Variable, string>>> = {
  [Variable.D]: 'd',
  [Variable.D0]: 'd[0]',
  [Variable.D1]: 'd[1]',
  [Variable.D2]: 'd[2]',
  [Variable.I]: 'i',
  [Variable.J]: 'j',
};

export function formatExpression(tree: Expression | undefined): string {
  const node = tree?.node;
  if (node === undefined) return '?';
  switch (node.$case) {
    case 'constant':
      return Number.isFinite(node.value) ? String(node.value) : node.value > 0 ? 'inf' : node.value < 0 ? '-inf' : 'nan';
    case 'variable':
      return VARIABLE_TEXT[node.value] ?? '?';
    case 'unary':
      return node.value.op === UnaryOp.NOT ? `(not ${formatExpression(node.value.operand)})` : `(-${formatExpression(node.value.operand)})`;
    case 'binary':
      return `(${formatExpression(node.value.left)} ${BINARY_TEXT[node.value.op] ?? '?'} ${formatExpression(node.value.right)})`;
    case 'call':
      return `${(CallFunction[node.value.function] ?? '?').toLowerCase()}(${node.value.arguments.map(formatExpression).join(', ')})`;
    case 'conditional':
      return `where(${formatExpression(node.value.condition)}, ${formatExpression(node.value.then)}, ${formatExpression(node.value.otherwise)})`;
  }
}
