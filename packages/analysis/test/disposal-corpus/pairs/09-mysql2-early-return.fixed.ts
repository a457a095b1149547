// The fix: release in finally, so every return (and every throw) gives the connection back.
import type { Pool, RowDataPacket } from 'mysql2/promise';

export interface User {
  readonly id: number;
  readonly email: string;
}

export async function findUser(pool: Pool, id: number): Promise<User | undefined> {
  const connection = await pool.getConnection();
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT id, email FROM users WHERE id = ?', [id]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return { id: Number(row['id']), email: String(row['email']) };
  } finally {
    connection.release();
  }
}
