// PyNN's warnings (deprecated forms, duplicates ignored) go through one function, so that an application can
// route them (a log, a browser panel) and tests can check them, as Python's warnings module allows.
export type WarningHandler = (message: string) => void;

let handler: WarningHandler = (message) => console.warn(`tsnn warning: ${message}`);

export function warn(message: string): void {
  handler(message);
}

/** Replaces the warning handler; returns the previous one. */
export function setWarningHandler(next: WarningHandler): WarningHandler {
  const previous = handler;
  handler = next;
  return previous;
}
