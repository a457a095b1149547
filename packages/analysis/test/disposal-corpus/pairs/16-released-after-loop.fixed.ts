// The fix: one client for the whole loop, released in finally.
import type { Pool } from 'pg';

export async function vacuumTables(pool: Pool, tables: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    for (const table of tables) await client.query(`VACUUM ANALYZE ${table}`);
  } finally {
    client.release();
  }
}
