// The text written by Projection.save, in PyNN's StandardTextFile layout (what FromFileConnector reads back):
// '#' header lines "key = value" (the columns as a Python list, then the projection's annotations), then one
// row per connection, or the rows of each pre × post matrix for format 'array'.
import { IOError } from '../errors.js';

function pythonList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(', ')}]`;
}

export function connectionFileText(
  columns: readonly string[],
  annotations: Readonly<Record<string, unknown>>,
  rows: ReadonlyArray<ArrayLike<number>>,
): string {
  const header = [`# columns = ${pythonList(columns)}`];
  for (const [key, value] of Object.entries(annotations)) header.push(`# ${key} = ${JSON.stringify(value)}`);
  const body = rows.map((row) => Array.from(row, (v) => String(v)).join(' '));
  return [...header, ...body].join('\n') + '\n';
}

/** Writes a text file (Node.js only). */
export async function writeTextFile(owner: string, path: string, text: string): Promise<void> {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs/promises') as typeof import('node:fs/promises') | undefined;
  if (!fs) throw new IOError(`${owner}: writing '${path}' needs Node.js (no file system here)`);
  try {
    await fs.writeFile(path, text, 'utf8');
  } catch (err) {
    throw new IOError(`${owner}: cannot write '${path}': ${(err as Error).message}`);
  }
}
