// The release sits in finally: normal return, early return and throw all pass through it.
import type { Pool } from 'pg';
import type { Pool as MysqlPool } from 'mysql2/promise';
import type { Pool as GenericPool } from 'generic-pool';

export async function tableExists(pool: Pool, table: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    if (table.length === 0) return false;
    const result = await client.query('SELECT to_regclass($1) AS oid', [table]);
    return result.rows[0]?.oid !== null;
  } finally {
    client.release();
  }
}

export async function ping(pool: MysqlPool): Promise<void> {
  const connection = await pool.getConnection();
  try {
    await connection.ping();
  } finally {
    connection.release();
  }
}

export async function withWorker(pool: GenericPool<{ run(task: string): Promise<void> }>, task: string): Promise<void> {
  const worker = await pool.acquire();
  try {
    await worker.run(task);
  } finally {
    await pool.release(worker);
  }
}
