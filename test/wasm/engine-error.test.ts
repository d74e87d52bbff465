// The core's "CODE\tpath\tmessage" report becomes an EngineError with the same code, path and message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EngineError } from '../../frontend/backend/backend.js';
import { parseEngineError, trapToEngineError } from '../../frontend/backends/wasm/engine-error.js';

test('splits code, field path and message', () => {
  const error = parseEngineError('INVALID_ARGUMENT\tnetwork.populations[0].size\tmust be >= 1, got 0', 'x');
  assert.instance(error, EngineError);
  assert.is(error.code, 'INVALID_ARGUMENT');
  assert.is(error.path, 'network.populations[0].size');
  assert.is(error.message, 'network.populations[0].size: must be >= 1, got 0');
});

test('a message may itself contain tabs', () => {
  const error = parseEngineError('FAILED_PRECONDITION\t\tfirst\tsecond', 'x');
  assert.is(error.code, 'FAILED_PRECONDITION');
  assert.is(error.path, '');
  assert.is(error.message, 'first\tsecond');
});

test('an unknown code or a report without fields is INTERNAL', () => {
  assert.is(parseEngineError('BOGUS\tp\tm', 'x').code, 'INTERNAL');
  const bare = parseEngineError('something odd', 'fallback');
  assert.is(bare.code, 'INTERNAL');
  assert.is(bare.message, 'something odd');
  assert.is(parseEngineError('', 'fallback').message, 'fallback');
});

test('traps: memory exhaustion is RESOURCE_EXHAUSTED, anything else INTERNAL', () => {
  assert.is(trapToEngineError(new Error('Aborted(Cannot enlarge memory arrays)'), 'Run').code, 'RESOURCE_EXHAUSTED');
  const trap = trapToEngineError(new WebAssembly.RuntimeError('unreachable'), 'Run');
  assert.is(trap.code, 'INTERNAL');
  assert.match(trap.message, /during Run: unreachable/);
});

test.run();
