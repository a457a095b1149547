// The fix: end the client in finally, connected or not.
import pg from 'pg';

export async function databaseIsReady(config: pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client(config);
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: number }>('SELECT 1 AS ok');
    return rows[0]?.ok === 1;
  } finally {
    await client.end();
  }
}
