// A queue consumer takes one pooled client per batch inside a `for await` loop; empty batches are
// skipped before a client is taken.
import type { Pool } from 'pg';

export interface EventRow {
  readonly id: string;
  readonly payload: string;
}

export async function importBatches(pool: Pool, batches: AsyncIterable<readonly EventRow[]>): Promise<number> {
  let imported = 0;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const row of batch) {
        await client.query('INSERT INTO events (id, payload) VALUES ($1, $2) ON CONFLICT DO NOTHING', [row.id, row.payload]);
      }
      await client.query('COMMIT');
      imported += batch.length;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
  return imported;
}
