// Handed to code outside this file, a function or a constructor: ownership moves with it.
import { open } from 'node:fs/promises';
import type { Pool } from 'pg';
import { ReportSession, registerClient, streamInto } from 'corpus-app';

export async function adoptClient(pool: Pool): Promise<void> {
  const client = await pool.connect();
  registerClient(client);
}

export async function download(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const handle = await open(path, 'w');
  await streamInto(handle, chunks);
}

export async function startReport(pool: Pool, title: string): Promise<ReportSession> {
  const client = await pool.connect();
  const session = new ReportSession(client, title);
  return session;
}
