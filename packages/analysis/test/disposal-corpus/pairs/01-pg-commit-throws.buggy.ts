// A transaction helper that hands the client back after COMMIT: a COMMIT that fails (a
// serialization failure, a dropped connection) leaves the client checked out of the pool.
import type { Pool } from 'pg';

export async function runInTransaction(pool: Pool, statements: readonly string[]): Promise<void> {
  const client = await pool.connect(); // leak: not released when COMMIT throws
  try {
    await client.query('BEGIN');
    for (const sql of statements) await client.query(sql);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
  await client.query('COMMIT');
  client.release();
}
