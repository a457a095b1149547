// Releases through optional chaining: a client declared before the try and assigned inside it,
// released with `client?.release()` in finally; and a local helper that releases via `?.` on every
// path it is called on.
import type { Pool, PoolClient } from 'pg';

export async function migrateOne(pool: Pool, sql: string): Promise<void> {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    await client.query(sql);
    await client.query('COMMIT');
  } catch (error) {
    await client?.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client?.release();
  }
}

function releaseQuietly(client: PoolClient | undefined, error?: Error): void {
  client?.release(error);
}

export async function touchUser(pool: Pool, id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('UPDATE users SET seen_at = now() WHERE id = $1', [id]);
  } catch (error) {
    releaseQuietly(client, error instanceof Error ? error : undefined);
    throw error;
  }
  releaseQuietly(client);
}
