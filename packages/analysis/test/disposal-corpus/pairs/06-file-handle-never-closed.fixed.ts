// The fix: `await using` closes the handle on every path.
import { open } from 'node:fs/promises';

export async function readMagicBytes(path: string, length = 8): Promise<Buffer> {
  await using handle = await open(path, 'r');
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}
