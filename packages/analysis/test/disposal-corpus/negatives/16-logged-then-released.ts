// Logging a resource is use, not escape: it is still released in finally.
import type { Pool } from 'pg';
import { open } from 'node:fs/promises';
import { logger } from 'corpus-app';

export async function migrate(pool: Pool, statements: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    console.debug('migrating with', client);
    for (const sql of statements) await client.query(sql);
  } finally {
    client.release();
  }
}

export async function describe(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    logger.info('opened', { handle, fd: handle.fd });
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
