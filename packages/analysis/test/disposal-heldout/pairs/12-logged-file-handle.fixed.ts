// Sniffs a file's type from its first bytes; the handle is bound with `await using`.
import fs from 'node:fs';
import { logger } from 'heldout-log';

export async function sniffType(path: string): Promise<'png' | 'pdf' | 'unknown'> {
  await using handle = await fs.promises.open(path, 'r');
  logger.debug('sniffing file type', path, handle);
  const magic = Buffer.alloc(4);
  const { bytesRead } = await handle.read(magic, 0, 4, 0);
  if (bytesRead < 4) return 'unknown';
  if (magic.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'png';
  if (magic.toString('latin1') === '%PDF') return 'pdf';
  return 'unknown';
}
