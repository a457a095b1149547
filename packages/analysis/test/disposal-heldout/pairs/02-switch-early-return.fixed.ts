// An admin command handler (mysql2): one try/finally around the whole switch gives the connection
// back whichever case returns.
import type { Pool, RowDataPacket } from 'mysql2/promise';

export type Command =
  | { readonly kind: 'ping' }
  | { readonly kind: 'count'; readonly table: 'users' | 'orders' }
  | { readonly kind: 'touch'; readonly id: number };

export async function handleCommand(pool: Pool, command: Command): Promise<number> {
  const conn = await pool.getConnection();
  try {
    switch (command.kind) {
      case 'ping':
        await conn.ping();
        return 1;
      case 'count': {
        const [rows] = await conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${command.table}`);
        return Number(rows[0]?.['n'] ?? 0);
      }
      case 'touch':
        await conn.execute('UPDATE users SET seen_at = NOW() WHERE id = ?', [command.id]);
        return 1;
    }
  } finally {
    conn.release();
  }
}
