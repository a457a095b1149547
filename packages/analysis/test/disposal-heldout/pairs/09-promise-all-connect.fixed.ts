// Copies a table between two databases with one client on each side, each released in its own
// finally. Taking both with Promise.all would leak one when the other's connect() fails: the
// rejection reaches the caller while the client that did connect is never released.
import type { Pool } from 'pg';

export async function copyTable(source: Pool, target: Pool, table: string): Promise<number> {
  const reader = await source.connect();
  try {
    const writer = await target.connect();
    try {
      const { rows } = await reader.query<{ id: string; body: string }>(`SELECT id, body FROM ${table}`);
      for (const row of rows) {
        await writer.query(`INSERT INTO ${table} (id, body) VALUES ($1, $2)`, [row.id, row.body]);
      }
      return rows.length;
    } finally {
      writer.release();
    }
  } finally {
    reader.release();
  }
}
