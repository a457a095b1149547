// No finally, but every path releases: the success path after the work, the catch before it
// rethrows.
import type { Pool } from 'pg';
import { launch } from 'corpus-browser';

export async function insertAudit(pool: Pool, entry: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('INSERT INTO audit (entry) VALUES ($1)', [entry]);
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  client.release();
}

export async function browserVersion(): Promise<string> {
  const browser = await launch({ headless: true });
  let version: string;
  try {
    version = await browser.version();
  } catch (error) {
    await browser.close();
    throw new Error('cannot read the browser version', { cause: error });
  }
  await browser.close();
  return version;
}
