// A repository written as an object literal of async methods; `find` releases in finally.
import type { Pool } from 'pg';

export interface Account {
  readonly id: string;
  readonly balance: number;
}

export const accounts = {
  async find(pool: Pool, id: string): Promise<Account | undefined> {
    const client = await pool.connect();
    try {
      const result = await client.query<Account>('SELECT id, balance FROM accounts WHERE id = $1', [id]);
      return result.rows[0];
    } finally {
      client.release();
    }
  },

  async total(pool: Pool): Promise<number> {
    const result = await pool.query<{ total: string }>('SELECT sum(balance) AS total FROM accounts');
    return Number(result.rows[0]?.total ?? 0);
  },
};
