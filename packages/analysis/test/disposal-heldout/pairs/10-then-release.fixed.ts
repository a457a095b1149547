// Promise-chain style: the client is released in a `finally` callback, which runs on fulfilment and
// rejection alike.
import type { Pool } from 'pg';

export async function countJobs(pool: Pool, queue: string): Promise<number> {
  const client = await pool.connect();
  return client
    .query<{ n: string }>('SELECT count(*) AS n FROM jobs WHERE queue = $1', [queue])
    .then((result) => Number(result.rows[0]?.n ?? 0))
    .finally(() => client.release());
}
