// Parses PyNN distance and index expressions (Python syntax, numpy names) into the contract's Expression tree
// (model.proto), so that every engine evaluates the same formula without a Python interpreter.
//
// Grammar (Python's precedence, lowest first):
//   expression  := or_test ['if' or_test 'else' expression]
//   or_test     := and_test ('or' and_test)*
//   and_test    := not_test ('and' not_test)*
//   not_test    := 'not' not_test | comparison
//   comparison  := bit_or (('<'|'<='|'>'|'>='|'=='|'!=') bit_or)*      chains: a < b < c ≡ (a < b) and (b < c)
//   bit_or      := bit_and ('|' bit_and)*                               numpy's element-wise or on booleans
//   bit_and     := arith ('&' arith)*
//   arith       := term (('+'|'-') term)*
//   term        := factor (('*'|'/'|'//'|'%') factor)*                  a // b ≡ floor(a / b); % is Python's
//   factor      := ('+'|'-'|'~') factor | power
//   power       := primary ['**' factor]
//   primary     := number | constant | variable ['[' integer ']'] | function '(' arguments ')' | '(' expression ')'
// Names may carry numpy's prefixes 'np.' or 'numpy.'. Truth values are numbers: comparisons and logic give 1 or 0,
// and any non-zero value counts as true.
import { InvalidParameterValueError } from '../errors.js';
import {
  Expression_Binary_Op as BinaryOp,
  Expression_Call_Function as CallFunction,
  Expression_Unary_Op as UnaryOp,
  Expression_Variable as Variable,
  type Expression,
} from '../generated/tsnn/v1/model.js';
import { evaluateExpression, variablesUsed } from './evaluate.js';
import { tokenize, TokenizeError, type Token } from './tokenizer.js';
import { resolveAllowedVariables, VARIABLE_NAMES, type AllowedVariables, type VariableName } from './variables.js';

export interface ParseOptions {
  /** Which variables the expression may use: 'distance' (d, d[0..2], the default), 'displacement'
   * (d[0..2]), 'index' (i, j), or an explicit list of names. */
  allowedVariables?: AllowedVariables;
}

/** One-argument numpy functions and their contract codes. */
const UNARY_FUNCTIONS: Readonly<Record<string, CallFunction>> = {
  exp: CallFunction.EXP,
  log: CallFunction.LOG,
  log10: CallFunction.LOG10,
  sqrt: CallFunction.SQRT,
  sin: CallFunction.SIN,
  cos: CallFunction.COS,
  tan: CallFunction.TAN,
  arcsin: CallFunction.ARCSIN,
  arccos: CallFunction.ARCCOS,
  arctan: CallFunction.ARCTAN,
  sinh: CallFunction.SINH,
  cosh: CallFunction.COSH,
  tanh: CallFunction.TANH,
  abs: CallFunction.ABS,
  fabs: CallFunction.ABS,
  absolute: CallFunction.ABS,
  floor: CallFunction.FLOOR,
  ceil: CallFunction.CEIL,
  rint: CallFunction.RINT,
};

/** Two-argument functions that are calls in the contract. */
const BINARY_FUNCTIONS: Readonly<Record<string, CallFunction>> = {
  arctan2: CallFunction.ARCTAN2,
  minimum: CallFunction.MINIMUM,
  maximum: CallFunction.MAXIMUM,
  min: CallFunction.MINIMUM,
  max: CallFunction.MAXIMUM,
  fmod: CallFunction.FMOD,
};

/**
 * Functions written with other nodes: power(a, b) and Python's pow(a, b) = a ** b, hypot(a, b) = sqrt(a² + b²),
 * where(c, a, b), ldexp(a, b) = a * 2 ** b, and round(x[, n]) = rint(x * 10 ** n) / 10 ** n (numpy's around; n
 * a whole number, negative n dividing first as numpy does).
 */
const COMPOSED_FUNCTIONS = ['power', 'pow', 'hypot', 'where', 'ldexp', 'round'] as const;

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, True: 1, False: 0 };

/** Every function name the parser accepts, for error messages. */
export const FUNCTION_NAMES: readonly string[] = [
  ...Object.keys(UNARY_FUNCTIONS),
  ...Object.keys(BINARY_FUNCTIONS),
  ...COMPOSED_FUNCTIONS,
];

const COMPARISONS: Readonly<Record<string, BinaryOp>> = {
  '<': BinaryOp.LESS,
  '<=': BinaryOp.LESS_EQUAL,
  '>': BinaryOp.GREATER,
  '>=': BinaryOp.GREATER_EQUAL,
  '==': BinaryOp.EQUAL,
  '!=': BinaryOp.NOT_EQUAL,
};

const KEYWORDS = new Set(['and', 'or', 'not', 'if', 'else']);

// Node constructors.
export const constant = (value: number): Expression => ({ node: { $case: 'constant', value } });
export const variable = (value: Variable): Expression => ({ node: { $case: 'variable', value } });
export const unary = (op: UnaryOp, operand: Expression): Expression => ({ node: { $case: 'unary', value: { op, operand } } });
export const binary = (op: BinaryOp, left: Expression, right: Expression): Expression => ({
  node: { $case: 'binary', value: { op, left, right } },
});
export const call = (fn: CallFunction, args: Expression[]): Expression => ({
  node: { $case: 'call', value: { function: fn, arguments: args } },
});
export const conditional = (condition: Expression, then: Expression, otherwise: Expression): Expression => ({
  node: { $case: 'conditional', value: { condition, then, otherwise } },
});

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly allowed: ReadonlySet<VariableName>,
  ) {}

  parseAll(): Expression {
    if (this.peek().kind === 'end') throw new SyntaxProblem('empty expression', 0);
    const tree = this.expression();
    const next = this.peek();
    if (next.kind !== 'end') throw new SyntaxProblem(`unexpected '${next.text}'`, next.position);
    return tree;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private take(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isOperator(text: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.text === text;
  }

  private isKeyword(text: string): boolean {
    const token = this.peek();
    return token.kind === 'name' && token.text === text;
  }

  private expect(text: string): Token {
    const token = this.peek();
    if (token.kind !== 'operator' || token.text !== text) {
      throw new SyntaxProblem(
        `expected '${text}' but found ${token.kind === 'end' ? 'the end of the expression' : `'${token.text}'`}`,
        token.position,
      );
    }
    return this.take();
  }

  private expression(): Expression {
    const value = this.orTest();
    if (!this.isKeyword('if')) return value;
    this.take();
    const condition = this.orTest();
    if (!this.isKeyword('else')) throw new SyntaxProblem("expected 'else'", this.peek().position);
    this.take();
    return conditional(condition, value, this.expression());
  }

  private orTest(): Expression {
    let left = this.andTest();
    while (this.isKeyword('or')) {
      this.take();
      left = binary(BinaryOp.OR, left, this.andTest());
    }
    return left;
  }

  private andTest(): Expression {
    let left = this.notTest();
    while (this.isKeyword('and')) {
      this.take();
      left = binary(BinaryOp.AND, left, this.notTest());
    }
    return left;
  }

  private notTest(): Expression {
    if (this.isKeyword('not')) {
      this.take();
      return unary(UnaryOp.NOT, this.notTest());
    }
    return this.comparison();
  }

  private comparison(): Expression {
    const first = this.bitOr();
    const links: Expression[] = [];
    let left = first;
    for (;;) {
      const token = this.peek();
      const op = token.kind === 'operator' ? COMPARISONS[token.text] : undefined;
      if (op === undefined) break;
      this.take();
      const right = this.bitOr();
      links.push(binary(op, left, right));
      left = right;
    }
    if (links.length === 0) return first;
    return links.reduce((a, b) => binary(BinaryOp.AND, a, b));
  }

  private bitOr(): Expression {
    let left = this.bitAnd();
    while (this.isOperator('|')) {
      this.take();
      left = binary(BinaryOp.OR, left, this.bitAnd());
    }
    return left;
  }

  private bitAnd(): Expression {
    let left = this.arith();
    while (this.isOperator('&')) {
      this.take();
      left = binary(BinaryOp.AND, left, this.arith());
    }
    return left;
  }

  private arith(): Expression {
    let left = this.term();
    for (;;) {
      if (this.isOperator('+')) {
        this.take();
        left = binary(BinaryOp.ADD, left, this.term());
      } else if (this.isOperator('-')) {
        this.take();
        left = binary(BinaryOp.SUBTRACT, left, this.term());
      } else {
        return left;
      }
    }
  }

  private term(): Expression {
    let left = this.factor();
    for (;;) {
      if (this.isOperator('*')) {
        this.take();
        left = binary(BinaryOp.MULTIPLY, left, this.factor());
      } else if (this.isOperator('/')) {
        this.take();
        left = binary(BinaryOp.DIVIDE, left, this.factor());
      } else if (this.isOperator('//')) {
        this.take();
        left = call(CallFunction.FLOOR, [binary(BinaryOp.DIVIDE, left, this.factor())]);
      } else if (this.isOperator('%')) {
        this.take();
        left = binary(BinaryOp.MODULO, left, this.factor());
      } else {
        return left;
      }
    }
  }

  private factor(): Expression {
    if (this.isOperator('-')) {
      this.take();
      const operand = this.factor();
      // Fold negative literals so that "-3" stays a constant.
      if (operand.node?.$case === 'constant') return constant(-operand.node.value);
      return unary(UnaryOp.NEGATE, operand);
    }
    if (this.isOperator('+')) {
      this.take();
      return this.factor();
    }
    if (this.isOperator('~')) {
      this.take();
      return unary(UnaryOp.NOT, this.factor());
    }
    return this.power();
  }

  private power(): Expression {
    const base = this.primary();
    if (!this.isOperator('**')) return base;
    this.take();
    return binary(BinaryOp.POWER, base, this.factor());
  }

  private primary(): Expression {
    const token = this.peek();
    if (token.kind === 'number') {
      this.take();
      return constant(token.value);
    }
    if (this.isOperator('(')) {
      this.take();
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (token.kind === 'name') return this.named();
    if (token.kind === 'end') throw new SyntaxProblem('unexpected end of the expression', token.position);
    throw new SyntaxProblem(`unexpected '${token.text}'`, token.position);
  }

  /** A constant, a variable (possibly subscripted) or a function call; numpy prefixes are dropped. */
  private named(): Expression {
    const start = this.take();
    let name = start.text;
    if ((name === 'np' || name === 'numpy') && this.isOperator('.')) {
      this.take();
      const member = this.peek();
      if (member.kind !== 'name') throw new SyntaxProblem(`expected a numpy name after '${name}.'`, member.position);
      this.take();
      name = member.text;
    } else if (this.isOperator('.')) {
      throw new SyntaxProblem(`unknown name '${name}.${this.peek(1).text}'`, start.position);
    }
    if (KEYWORDS.has(name)) throw new SyntaxProblem(`unexpected keyword '${name}'`, start.position);
    if (this.isOperator('(')) return this.functionCall(name, start.position);
    if (Object.prototype.hasOwnProperty.call(CONSTANTS, name)) return constant(CONSTANTS[name]);
    if (FUNCTION_NAMES.includes(name)) {
      throw new SyntaxProblem(`function '${name}' must be called with arguments: ${name}(...)`, start.position);
    }
    return this.variableReference(name, start.position);
  }

  private variableReference(name: string, position: number): Expression {
    if (name === 'd' && this.isOperator('[')) {
      this.take();
      let sign = 1;
      if (this.isOperator('-')) {
        this.take();
        sign = -1;
      }
      const indexToken = this.peek();
      if (indexToken.kind !== 'number' || !Number.isInteger(indexToken.value) || /[.eE]/.test(indexToken.text)) {
        throw new SyntaxProblem('d[...] needs an integer index 0, 1 or 2', indexToken.position);
      }
      this.take();
      this.expect(']');
      const axis = sign * indexToken.value;
      const normalised = axis < 0 ? axis + 3 : axis;
      if (normalised < 0 || normalised > 2) {
        throw new SyntaxProblem(`d[${axis}] is out of range (d has 3 components: d[0], d[1], d[2])`, indexToken.position);
      }
      return this.checkedVariable(`d[${normalised}]` as VariableName, position);
    }
    if ((VARIABLE_NAMES as readonly string[]).includes(name)) return this.checkedVariable(name as VariableName, position);
    throw new SyntaxProblem(`unknown name '${name}'`, position);
  }

  private checkedVariable(name: VariableName, position: number): Expression {
    if (!this.allowed.has(name)) throw new SyntaxProblem(`variable '${name}' is not allowed here`, position);
    const codes: Record<VariableName, Variable> = {
      d: Variable.D,
      'd[0]': Variable.D0,
      'd[1]': Variable.D1,
      'd[2]': Variable.D2,
      i: Variable.I,
      j: Variable.J,
    };
    return variable(codes[name]);
  }

  private functionCall(name: string, position: number): Expression {
    this.expect('(');
    const args: Expression[] = [];
    if (!this.isOperator(')')) {
      args.push(this.expression());
      while (this.isOperator(',')) {
        this.take();
        args.push(this.expression());
      }
    }
    this.expect(')');
    const arity = (count: number): void => {
      if (args.length !== count) {
        throw new SyntaxProblem(`${name}() takes ${count} argument${count === 1 ? '' : 's'}, got ${args.length}`, position);
      }
    };
    if (Object.prototype.hasOwnProperty.call(UNARY_FUNCTIONS, name)) {
      arity(1);
      return call(UNARY_FUNCTIONS[name], args);
    }
    if (Object.prototype.hasOwnProperty.call(BINARY_FUNCTIONS, name)) {
      arity(2);
      return call(BINARY_FUNCTIONS[name], args);
    }
    switch (name) {
      case 'power':
      case 'pow':
        arity(2);
        return binary(BinaryOp.POWER, args[0], args[1]);
      case 'ldexp':
        arity(2);
        return binary(BinaryOp.MULTIPLY, args[0], binary(BinaryOp.POWER, constant(2), args[1]));
      case 'round':
        if (args.length === 1) return call(CallFunction.RINT, args);
        arity(2);
        return roundToDigits(args[0], args[1], position);
      case 'hypot':
        arity(2);
        return call(CallFunction.SQRT, [
          binary(BinaryOp.ADD, binary(BinaryOp.MULTIPLY, args[0], args[0]), binary(BinaryOp.MULTIPLY, args[1], args[1])),
        ]);
      case 'where':
        arity(3);
        return conditional(args[0], args[1], args[2]);
      default:
        throw new SyntaxProblem(`unknown function '${name}'`, position);
    }
  }
}

/** numpy's around(x, n) for a constant whole n: scaled by 10 ** |n| (multiplied for n ≥ 0, divided for n < 0). */
function roundToDigits(x: Expression, digits: Expression, position: number): Expression {
  const n = variablesUsed(digits).size === 0 ? evaluateExpression(digits, {}) : NaN;
  if (!Number.isInteger(n)) {
    throw new SyntaxProblem('round() takes a whole number of digits as its second argument', position);
  }
  const scale = constant(10 ** Math.abs(n));
  const [into, back] = n >= 0 ? [BinaryOp.MULTIPLY, BinaryOp.DIVIDE] : [BinaryOp.DIVIDE, BinaryOp.MULTIPLY];
  return binary(back, call(CallFunction.RINT, [binary(into, x, scale)]), scale);
}

/** What an expression may contain, for error messages. */
function allowedSummary(allowed: ReadonlySet<VariableName>): string {
  return (
    `allowed: variables ${[...allowed].join(', ') || '(none)'}; constants pi, e, True, False; ` +
    `functions ${FUNCTION_NAMES.join(', ')} (optionally as np.<name>); ` +
    `operators + - * / // % ** < <= > >= == != & | ~ and or not, and 'x if c else y'`
  );
}

/**
 * Parses a PyNN expression into the contract's Expression tree. Any syntax error, unknown name or function, or
 * variable outside `allowedVariables` → InvalidParameterValueError quoting the expression and what is allowed.
 */
export function parseExpression(source: string, options: ParseOptions = {}): Expression {
  const allowed = resolveAllowedVariables(options.allowedVariables ?? 'distance');
  if (typeof source !== 'string') {
    throw new InvalidParameterValueError(`Invalid expression ${String(source)}: expected a string; ${allowedSummary(allowed)}`);
  }
  try {
    return new Parser(tokenize(source), allowed).parseAll();
  } catch (error) {
    if (error instanceof SyntaxProblem || error instanceof TokenizeError) {
      throw new InvalidParameterValueError(
        `Invalid expression "${source}": ${error.message} at position ${error.position}; ${allowedSummary(allowed)}`,
      );
    }
    throw error;
  }
}
