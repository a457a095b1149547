// Promise-chain style: the client is released in the `then` callback, which a rejected query skips;
// the rejection propagates to the caller with the client still checked out.
import type { Pool } from 'pg';

export async function countJobs(pool: Pool, queue: string): Promise<number> {
  const client = await pool.connect(); // leak: released in then(), which a rejected query never runs
  return client
    .query<{ n: string }>('SELECT count(*) AS n FROM jobs WHERE queue = $1', [queue])
    .then((result) => {
      client.release();
      return Number(result.rows[0]?.n ?? 0);
    });
}
