// A SERIALIZABLE transaction helper that retries on serialization failures; each attempt's client is
// released in finally, which also runs on `continue` and on the rethrow.
import type { Pool } from 'pg';

const SERIALIZATION_FAILURE = '40001';

function isSerializationFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === SERIALIZATION_FAILURE;
}

export async function runSerializable(pool: Pool, statements: readonly string[], attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      for (const sql of statements) await client.query(sql);
      await client.query('COMMIT');
      return;
    } catch (error) {
      await client.query('ROLLBACK');
      if (attempt < attempts && isSerializationFailure(error)) continue;
      throw error;
    } finally {
      client.release();
    }
  }
}
