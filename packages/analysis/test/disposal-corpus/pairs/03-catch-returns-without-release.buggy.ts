// A count used by a dashboard: on a query error the catch logs and returns a fallback, and the
// client it borrowed stays out of the pool.
import type { Pool } from 'pg';

export async function countRows(pool: Pool, table: string): Promise<number | undefined> {
  const client = await pool.connect(); // leak: the catch returns without releasing
  try {
    const result = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${table}`);
    client.release();
    return Number(result.rows[0]?.count ?? 0);
  } catch (error) {
    console.error(`counting ${table} failed`, error);
    return undefined;
  }
}
