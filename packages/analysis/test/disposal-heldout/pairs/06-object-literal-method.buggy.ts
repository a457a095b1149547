// A repository written as an object literal of async methods. `find` releases its client after the
// query; when the query fails (a timeout, a bad id) the client stays out.
import type { Pool } from 'pg';

export interface Account {
  readonly id: string;
  readonly balance: number;
}

export const accounts = {
  async find(pool: Pool, id: string): Promise<Account | undefined> {
    const client = await pool.connect(); // leak: not released when the query throws
    const result = await client.query<Account>('SELECT id, balance FROM accounts WHERE id = $1', [id]);
    client.release();
    return result.rows[0];
  },

  async total(pool: Pool): Promise<number> {
    const result = await pool.query<{ total: string }>('SELECT sum(balance) AS total FROM accounts');
    return Number(result.rows[0]?.total ?? 0);
  },
};
