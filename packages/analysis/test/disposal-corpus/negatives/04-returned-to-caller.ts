// Returned to the caller, directly or inside an object: the caller owns it now.
import { open, type FileHandle } from 'node:fs/promises';
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';

export async function openLog(path: string): Promise<FileHandle> {
  const handle = await open(path, 'a');
  return handle;
}

export function createClient(config: pg.ClientConfig): pg.Client {
  const client = new pg.Client({ ...config, application_name: 'reports' });
  return client;
}

export function openForAppend(path: string): Promise<FileHandle> {
  return open(path, 'a');
}

export interface Checkout {
  readonly client: PoolClient;
  readonly checkedOutAt: number;
}

export async function checkout(pool: Pool): Promise<Checkout> {
  const checkedOutAt = Date.now();
  const client = await pool.connect();
  return { client, checkedOutAt };
}
