// The fix: the catch releases too (with the error, so pg discards the broken client).
import type { Pool } from 'pg';

export async function countRows(pool: Pool, table: string): Promise<number | undefined> {
  const client = await pool.connect();
  try {
    const result = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${table}`);
    client.release();
    return Number(result.rows[0]?.count ?? 0);
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    console.error(`counting ${table} failed`, error);
    return undefined;
  }
}
