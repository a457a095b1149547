// Sniffs a file's type from its first bytes. The handle is logged (use, not a hand-over) and never
// closed: one file descriptor per upload until EMFILE.
import fs from 'node:fs';
import { logger } from 'heldout-log';

export async function sniffType(path: string): Promise<'png' | 'pdf' | 'unknown'> {
  const handle = await fs.promises.open(path, 'r'); // leak: only logged, never closed
  logger.debug('sniffing file type', path, handle);
  const magic = Buffer.alloc(4);
  const { bytesRead } = await handle.read(magic, 0, 4, 0);
  if (bytesRead < 4) return 'unknown';
  if (magic.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'png';
  if (magic.toString('latin1') === '%PDF') return 'pdf';
  return 'unknown';
}
