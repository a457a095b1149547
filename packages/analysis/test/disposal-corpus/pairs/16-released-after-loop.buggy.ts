// A maintenance task takes a client per table and releases only the last one after the loop:
// every other client stays checked out.
import type { Pool, PoolClient } from 'pg';

export async function vacuumTables(pool: Pool, tables: readonly string[]): Promise<void> {
  let client: PoolClient | undefined;
  for (const table of tables) {
    client = await pool.connect(); // leak: each iteration's client is overwritten, only the last is released
    await client.query(`VACUUM ANALYZE ${table}`);
  }
  client?.release();
}
