// Splits a PyNN expression string (Python syntax) into tokens, remembering where each starts for error messages.

export type TokenKind = 'number' | 'name' | 'operator' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** For numbers: the value. */
  readonly value: number;
  /** 0-based character offset in the source. */
  readonly position: number;
}

/** Longest first, so that '**' is not read as two '*'. */
const OPERATORS = ['**', '//', '<=', '>=', '==', '!=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '~', '(', ')', '[', ']', ',', '.'];

const NUMBER = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Thrown with the offending position; the parser turns it into an InvalidParameterValueError. */
export class TokenizeError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < source.length) {
    const rest = source.slice(position);
    const space = /^\s+/.exec(rest);
    if (space) {
      position += space[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      // A name glued to a number ("2d") is a syntax error in Python too.
      const glued = NAME.exec(rest.slice(number[0].length));
      if (glued) throw new TokenizeError(`invalid number '${number[0]}${glued[0]}'`, position);
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), position });
      position += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], value: NaN, position });
      position += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, value: NaN, position });
      position += operator.length;
      continue;
    }
    throw new TokenizeError(`unexpected character '${rest[0]}'`, position);
  }
  tokens.push({ kind: 'end', text: '', value: NaN, position: source.length });
  return tokens;
}
