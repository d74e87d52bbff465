// Asserts that a call throws an error of a given class, optionally with a message matching a pattern.
import * as assert from 'uvu/assert';

/** `what` names the call in the failure messages. */
export function throwsError(fn: () => unknown, cls: abstract new (...args: never[]) => Error, pattern?: RegExp, what?: string): Error {
  const prefix = what === undefined ? '' : `${what}: `;
  try {
    fn();
  } catch (e) {
    assert.instance(e, cls, `${prefix}expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    if (pattern) assert.match((e as Error).message, pattern);
    return e as Error;
  }
  assert.unreachable(`${prefix}expected ${cls.name} to be thrown`);
  throw new Error('unreachable');
}

export async function rejectsError(
  fn: () => Promise<unknown>,
  cls: abstract new (...args: never[]) => Error,
  pattern?: RegExp,
): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    assert.instance(e, cls, `expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    if (pattern) assert.match((e as Error).message, pattern);
    return e as Error;
  }
  assert.unreachable(`expected ${cls.name} to be thrown`);
  throw new Error('unreachable');
}
