// Released on every path without `using`: catch-and-rethrow plus a release after the try (mysql2),
// tarn's pending acquisition released in finally, a file descriptor closed in finally, and a
// Disposable released by calling its [Symbol.dispose]() in finally.
import fs from 'node:fs';
import type { Pool as MysqlPool, RowDataPacket } from 'mysql2/promise';
import type { Pool as TarnPool } from 'tarn';
import type { Channel } from 'heldout-broker';
import { Probe } from 'heldout-metrics';

export async function userName(pool: MysqlPool, id: number): Promise<string | undefined> {
  const conn = await pool.getConnection();
  let rows: RowDataPacket[];
  try {
    [rows] = await conn.query<RowDataPacket[]>('SELECT name FROM users WHERE id = ?', [id]);
  } catch (error) {
    conn.release();
    throw error;
  }
  conn.release();
  const name: unknown = rows[0]?.['name'];
  return typeof name === 'string' ? name : undefined;
}

export async function publish(pool: TarnPool<Channel>, message: string): Promise<void> {
  const channel = await pool.acquire().promise;
  try {
    await channel.publish(message);
  } finally {
    pool.release(channel);
  }
}

export function stamp(path: string, text: string): void {
  const fd = fs.openSync(path, 'a');
  try {
    fs.writeSync(fd, `${new Date().toISOString()} ${text}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function reachable(url: string): boolean {
  const probe = new Probe(url);
  try {
    return probe.check();
  } finally {
    probe[Symbol.dispose]();
  }
}
