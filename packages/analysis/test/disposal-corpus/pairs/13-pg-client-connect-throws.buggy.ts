// A readiness probe makes its own client; when connect() rejects (database still starting) the
// client's socket is never ended, and a probe every few seconds piles them up.
import pg from 'pg';

export async function databaseIsReady(config: pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client(config); // leak: not ended when connect() throws
  await client.connect();
  const { rows } = await client.query<{ ok: number }>('SELECT 1 AS ok');
  await client.end();
  return rows[0]?.ok === 1;
}
