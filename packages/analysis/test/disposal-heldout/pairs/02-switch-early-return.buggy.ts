// An admin command handler (mysql2): every case but one gives the connection back; the `ping` case
// was added later and returns straight out of the switch.
import type { Pool, RowDataPacket } from 'mysql2/promise';

export type Command =
  | { readonly kind: 'ping' }
  | { readonly kind: 'count'; readonly table: 'users' | 'orders' }
  | { readonly kind: 'touch'; readonly id: number };

export async function handleCommand(pool: Pool, command: Command): Promise<number> {
  const conn = await pool.getConnection(); // leak: the ping case returns without releasing the connection
  switch (command.kind) {
    case 'ping':
      await conn.ping();
      return 1;
    case 'count':
      try {
        const [rows] = await conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${command.table}`);
        return Number(rows[0]?.['n'] ?? 0);
      } finally {
        conn.release();
      }
    case 'touch':
      try {
        await conn.execute('UPDATE users SET seen_at = NOW() WHERE id = ?', [command.id]);
        return 1;
      } finally {
        conn.release();
      }
  }
}
