// A SERIALIZABLE transaction helper that retries on serialization failures. The client is released
// on success only: each retry takes a new client and abandons the old one, and the final rethrow
// abandons the last. Under contention the pool drains exactly when it is needed most.
import type { Pool } from 'pg';

const SERIALIZATION_FAILURE = '40001';

function isSerializationFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === SERIALIZATION_FAILURE;
}

export async function runSerializable(pool: Pool, statements: readonly string[], attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect(); // leak: a retry continues and the final failure rethrows without releasing the client
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      for (const sql of statements) await client.query(sql);
      await client.query('COMMIT');
      client.release();
      return;
    } catch (error) {
      await client.query('ROLLBACK');
      if (attempt < attempts && isSerializationFailure(error)) continue;
      throw error;
    }
  }
}
