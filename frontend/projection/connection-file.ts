// The text written by Projection.save, in PyNN's StandardTextFile layout (what FromFileConnector reads back):
// '#' header lines "key = value" (the columns as a Python list, then the projection's annotations), then one
// row per connection, or the rows of each pre × post matrix for format 'array'. The text is made and written a
// block of rows at a time: a whole file would hold every row as a JS array and then as a string (a string holds
// at most 2^29 − 24 characters, about 25 million connections), where the table it comes from takes 16 bytes a
// connection.
import { IOError } from '../errors.js';
import type { ConnectionTable, MultipleSynapses } from './connection-table.js';

const ROWS_PER_BLOCK = 16384;

function pythonList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(', ')}]`;
}

export function connectionFileHeader(columns: readonly string[], annotations: Readonly<Record<string, unknown>>): string {
  const header = [`# columns = ${pythonList(columns)}`];
  for (const [key, value] of Object.entries(annotations)) header.push(`# ${key} = ${JSON.stringify(value)}`);
  return header.join('\n') + '\n';
}

/** Format 'list': one line per connection, [i j] then the values of `names`. */
export function* listLines(table: ConnectionTable, names: readonly string[], withAddress: boolean): Generator<string> {
  const columns = names.map((name) => table.column(name));
  for (let begin = 0; begin < table.length; begin += ROWS_PER_BLOCK) {
    const end = Math.min(table.length, begin + ROWS_PER_BLOCK);
    const lines = new Array<string>(end - begin);
    for (let k = begin; k < end; k++) {
      const values = columns.map((column) => String(column[k]));
      lines[k - begin] = (withAddress ? [String(table.pre[k]), String(table.post[k]), ...values] : values).join(' ');
    }
    yield lines.join('\n') + '\n';
  }
}

/** Format 'array': for each name in turn, its pre × post matrix (multapses summed), 0 where there is no connection. */
export function* arrayLines(
  table: ConnectionTable,
  names: readonly string[],
  rows: number,
  cols: number,
  multipleSynapses: MultipleSynapses,
): Generator<string> {
  for (const name of names) {
    const matrix = table.toArray(name, rows, cols, multipleSynapses);
    const perBlock = Math.max(1, Math.floor(ROWS_PER_BLOCK / Math.max(1, cols)));
    for (let begin = 0; begin < rows; begin += perBlock) {
      const block = matrix.slice(begin, begin + perBlock).map((row) => row.map((v) => (Number.isNaN(v) ? '0' : String(v))).join(' '));
      yield block.join('\n') + '\n';
    }
  }
}

/** Writes the pieces of a text file in order (Node.js only), holding one piece at a time. */
export async function writeTextInPieces(owner: string, path: string, pieces: Iterable<string>): Promise<void> {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs/promises') as typeof import('node:fs/promises') | undefined;
  if (!fs) throw new IOError(`${owner}: writing '${path}' needs Node.js (no file system here)`);
  let file: import('node:fs/promises').FileHandle;
  try {
    file = await fs.open(path, 'w');
  } catch (err) {
    throw new IOError(`${owner}: cannot write '${path}': ${(err as Error).message}`);
  }
  try {
    for (const piece of pieces) {
      try {
        await file.write(piece, null, 'utf8');
      } catch (err) {
        throw new IOError(`${owner}: cannot write '${path}': ${(err as Error).message}`);
      }
    }
  } finally {
    await file.close();
  }
}
