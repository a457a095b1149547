// Hands a configured client to the caller; a failed setup query releases it (destroying it, since
// its session state is unknown) before rethrowing.
import type { Pool, PoolClient } from 'pg';

export async function borrow(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  try {
    await client.query("SET statement_timeout = '5s'");
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  return client;
}
