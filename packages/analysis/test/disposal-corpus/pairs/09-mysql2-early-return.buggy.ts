// A lookup returns early when the user is missing, before the release at the bottom.
import type { Pool, RowDataPacket } from 'mysql2/promise';

export interface User {
  readonly id: number;
  readonly email: string;
}

export async function findUser(pool: Pool, id: number): Promise<User | undefined> {
  const connection = await pool.getConnection(); // leak: not released on the early return
  const [rows] = await connection.query<RowDataPacket[]>('SELECT id, email FROM users WHERE id = ?', [id]);
  const row = rows[0];
  if (row === undefined) return undefined;
  connection.release();
  return { id: Number(row['id']), email: String(row['email']) };
}
