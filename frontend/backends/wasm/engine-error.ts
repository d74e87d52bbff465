// Turns the core's error report into an EngineError. The C API's tsnn_last_error() answers
// "CODE\tfield.path\tmessage" (docs/architecture.md); a trap of the WebAssembly instance itself (an out-of-memory
// abort, an out-of-bounds access) is not an input error, so it becomes RESOURCE_EXHAUSTED or INTERNAL.
import { EngineError } from '../../backend/backend.js';

type Code = EngineError['code'];

const knownCodes: ReadonlySet<string> = new Set<Code>([
  'INVALID_ARGUMENT',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'CANCELLED',
  'UNAVAILABLE',
  'INTERNAL',
]);

/** Parses "CODE\tpath\tmessage"; text without that shape becomes INTERNAL with the whole text as message. */
export function parseEngineError(report: string, fallbackMessage: string): EngineError {
  const first = report.indexOf('\t');
  const second = first < 0 ? -1 : report.indexOf('\t', first + 1);
  if (first < 0 || second < 0) {
    return new EngineError('INTERNAL', '', report || fallbackMessage);
  }
  const code = report.slice(0, first);
  const path = report.slice(first + 1, second);
  const message = report.slice(second + 1);
  if (!knownCodes.has(code)) return new EngineError('INTERNAL', path, `${code}: ${message}`);
  return new EngineError(code as Code, path, message || fallbackMessage);
}

const traps = new WeakSet<EngineError>();

/** A JavaScript exception thrown out of the instance (trap or abort), as an EngineError. */
export function trapToEngineError(error: unknown, during: string): EngineError {
  const text = error instanceof Error ? error.message : String(error);
  const converted = /enlarge memory|out of memory|Cannot allocate|OOM/i.test(text)
    ? new EngineError('RESOURCE_EXHAUSTED', '', `WebAssembly memory exhausted (4 GiB at most) during ${during}: ${text}`)
    : new EngineError('INTERNAL', '', `the WebAssembly engine failed during ${during}: ${text}`);
  traps.add(converted);
  return converted;
}

/** True for errors made by trapToEngineError: the instance that threw them is unusable. */
export function isTrap(error: unknown): boolean {
  return error instanceof EngineError && traps.has(error);
}
