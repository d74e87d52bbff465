// Collects the library's warnings during a call, so a test can assert them (and they do not clutter the output).
import { setWarningHandler } from '../../frontend/core/warnings.js';

export function captureWarnings<T>(fn: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const previous = setWarningHandler((m) => warnings.push(m));
  try {
    return { result: fn(), warnings };
  } finally {
    setWarningHandler(previous);
  }
}
