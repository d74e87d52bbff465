// writeData(block, filename): the file format follows the extension, as PyNN's get_io. Supported here:
// .json (block_json.ts) and .npz (block_npz.ts). PyNN's Neo formats (.pkl/.pickle, .nix/.h5, .nwb, .mat) and
// the text extensions PyNN rejects (.txt, .ras, .v, .gsyn) raise IOError naming the supported ones.
import { IOError } from '../errors.js';
import type { Block } from './block.js';
import { encodeBlockJson } from './block-json.js';
import { encodeBlockNpz } from './block-npz.js';

export const SUPPORTED_EXTENSIONS = ['.json', '.npz'] as const;

function extensionOf(filename: string): string {
  const base = filename.slice(filename.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/**
 * The format writeData would use for this file name; IOError for a name it cannot write. record()'s toFile is
 * checked with it at once, not at end(), after the whole simulation.
 */
export function dataFileExtension(filename: string, who = 'writeData'): (typeof SUPPORTED_EXTENSIONS)[number] {
  if (typeof filename !== 'string' || filename.length === 0) {
    throw new IOError(`${who}: filename must be a non-empty string, got ${String(filename)}`);
  }
  const extension = extensionOf(filename);
  if (extension === '.json' || extension === '.npz') return extension;
  throw new IOError(
    `${who}('${filename}'): unsupported file extension '${extension || '(none)'}' ` +
      `(supported: ${SUPPORTED_EXTENSIONS.join(', ')})`,
  );
}

/** The bytes writeData would write for this file name (usable in a browser, e.g. for a download). */
export function encodeBlock(block: Block, filename: string): Uint8Array {
  return dataFileExtension(filename) === '.json' ? new TextEncoder().encode(encodeBlockJson(block)) : encodeBlockNpz(block);
}

/** Writes the block to a file (Node.js). The format follows the extension: .json or .npz. */
export async function writeData(block: Block, filename: string): Promise<void> {
  const bytes = encodeBlock(block, filename);
  let fs: typeof import('node:fs/promises');
  try {
    fs = await import('node:fs/promises');
  } catch {
    throw new IOError(`writeData('${filename}'): no file system here; use encodeBlock() and save the bytes yourself`);
  }
  try {
    await fs.writeFile(filename, bytes);
  } catch (error) {
    throw new IOError(`writeData('${filename}'): ${(error as Error).message}`);
  }
}
