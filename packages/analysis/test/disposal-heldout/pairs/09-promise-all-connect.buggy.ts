// Copies a table between two databases with one client on each side, taken in parallel. Both are
// released at the end of the happy path only: a failing SELECT or INSERT keeps both checked out.
import type { Pool } from 'pg';

export async function copyTable(source: Pool, target: Pool, table: string): Promise<number> {
  const [reader, writer] = await Promise.all([
    source.connect(), // leak: the reader is not released when a query throws
    target.connect(), // leak: the writer is not released when a query throws
  ]);
  const { rows } = await reader.query<{ id: string; body: string }>(`SELECT id, body FROM ${table}`);
  for (const row of rows) {
    await writer.query(`INSERT INTO ${table} (id, body) VALUES ($1, $2)`, [row.id, row.body]);
  }
  reader.release();
  writer.release();
  return rows.length;
}
