// Hands a configured client to the caller. The setup query runs before the return: when it fails
// (a bad setting, a dropped connection), the client is neither returned nor released.
// (Written as a negative of the "returned to the caller" idiom; the engine reported it on the first
// run and the report is right, so it is labelled a leak.)
import type { Pool, PoolClient } from 'pg';

export async function borrow(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect(); // leak: neither returned nor released when the setup query throws
  await client.query("SET statement_timeout = '5s'");
  return client;
}
