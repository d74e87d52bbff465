// FromFileConnector: a FromListConnector whose rows are read from a text file in PyNN's StandardTextFile format
// (what Projection.save writes): '#' header lines "key = value", among them `# columns = ['i', 'j', 'weight', ...]`,
// then whitespace-separated rows. Reading files needs Node.js.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { checkOptionKeys } from '../core/option-keys.js';
import { IOError, ValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import type { ConnectorOptions } from './connector.js';
import { FromListConnector } from './from-list.js';

export interface FromFileOptions extends ConnectorOptions {
  /** PyNN's `distributed`: read `<file>.<rank>`; a single process is rank 0. */
  distributed?: boolean;
}

export interface ParsedConnectionFile {
  /** The value columns' names ('i' and 'j' removed); PyNN's default ['weight', 'delay'] without a header. */
  columnNames: string[];
  rows: number[][];
}

/** Parses the text of a connection file. */
export function parseConnectionFile(text: string, fileName: string): ParsedConnectionFile {
  let columns: string[] | undefined;
  const rows: number[][] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const match = /^#\s*columns\s*=\s*\[(.*)\]\s*$/.exec(line);
      if (match) columns = parseNameList(match[1]!, fileName, n + 1);
      continue;
    }
    rows.push(line.split(/[\s,]+/).map((token) => parseNumber(token, fileName, n + 1)));
  }
  const names = (columns ?? ['weight', 'delay']).filter((c) => c !== 'i' && c !== 'j');
  return { columnNames: names, rows };
}

/** A number as numpy.savetxt writes it, including nan and inf. */
function parseNumber(token: string, fileName: string, line: number): number {
  const lower = token.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === '+inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  const value = Number(token);
  if (Number.isNaN(value)) {
    throw new ValueError(`FromFileConnector: ${fileName}, line ${line}: '${token}' is not a number`);
  }
  return value;
}

function parseNameList(source: string, fileName: string, line: number): string[] {
  if (source.trim() === '') return [];
  return source.split(',').map((item) => {
    const m = /^\s*(['"])(.*)\1\s*$/.exec(item);
    if (!m) throw new ValueError(`FromFileConnector: ${fileName}, line ${line}: bad column name ${item.trim()}`);
    return m[2]!;
  });
}

function readTextFile(path: string): string {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  if (!fs) throw new IOError(`FromFileConnector: reading '${path}' needs Node.js (no file system here)`);
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new IOError(`FromFileConnector: cannot read '${path}': ${(err as Error).message}`);
  }
}

export class FromFileConnector extends FromListConnector {
  override readonly connectorName = 'FromFileConnector';
  readonly file: string;
  readonly distributed: boolean;

  constructor(file: string, options: FromFileOptions = {}) {
    if (typeof file !== 'string') throw new TypeError(`FromFileConnector: 'file' must be a file name, got ${String(file)}`);
    checkOptionKeys('FromFileConnector', options, ['safe', 'distributed']);
    const path = options.distributed ? `${file}.0` : file;
    const parsed = parseConnectionFile(readTextFile(path), path);
    super(parsed.rows, { safe: options.safe, columnNames: parsed.columnNames });
    this.file = file;
    this.distributed = options.distributed ?? false;
  }

  override toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    return { ...super.toMessage(ctx), sourceFile: this.file };
  }

  protected override describeParameters(): Record<string, unknown> {
    return { file: this.file, distributed: this.distributed, ...super.describeParameters() };
  }
}
