// Exports a table as JSON lines: the inner finally closes the output file, the outer one releases
// the pg client.
import { promises as fsp } from 'node:fs';
import type { Pool } from 'pg';

export async function exportTable(pool: Pool, table: string, target: string): Promise<number> {
  const client = await pool.connect();
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
  } finally {
    client.release();
  }
  return count;
}
