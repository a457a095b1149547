// Exports a table as JSON lines. The inner finally closes the output file, and the author took it
// for the cleanup of both; the pg client is released only after the outer try, so a failed query
// or write (logged and rethrown by the catch) leaves it checked out.
import { promises as fsp } from 'node:fs';
import type { Pool } from 'pg';

export async function exportTable(pool: Pool, table: string, target: string): Promise<number> {
  const client = await pool.connect(); // leak: released after the try, not when the query or a write throws
  let count = 0;
  try {
    const out = await fsp.open(target, 'w');
    try {
      const result = await client.query<{ line: string }>(`SELECT row_to_json(t)::text AS line FROM ${table} t`);
      for (const row of result.rows) {
        await out.write(`${row.line}\n`);
        count += 1;
      }
    } finally {
      await out.close();
    }
  } catch (error) {
    console.error(`export of ${table} failed`, error);
    throw error;
  }
  client.release();
  return count;
}
