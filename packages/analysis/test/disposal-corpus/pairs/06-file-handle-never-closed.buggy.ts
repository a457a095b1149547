// A format sniffer reads the first bytes of an upload and returns; the handle is left for the
// garbage collector, which closes it late (with a warning) or, under load, not before EMFILE.
import { open } from 'node:fs/promises';

export async function readMagicBytes(path: string, length = 8): Promise<Buffer> {
  const handle = await open(path, 'r'); // leak: never closed
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}
