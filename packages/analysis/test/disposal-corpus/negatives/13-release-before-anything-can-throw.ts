// The release comes before the first statement that can throw, so no finally is needed.
import fs from 'node:fs';
import type { Pool } from 'pg';

export async function warmUp(pool: Pool): Promise<void> {
  // Opens one connection ahead of the first request, and hands it straight back.
  const client = await pool.connect();
  client.release();
  await pool.query('SELECT 1');
}

export function touch(path: string): void {
  const fd = fs.openSync(path, 'a');
  fs.closeSync(fd);
}

export function isWritable(path: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r+');
  } catch {
    return false;
  }
  fs.closeSync(fd);
  return true;
}
