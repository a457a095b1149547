// A worker borrows a protocol connection from generic-pool; when send() rejects, the connection is
// neither released nor destroyed and the pool shrinks by one for good.
import type { Pool } from 'generic-pool';

export interface Channel {
  send(message: string): Promise<string>;
}

export async function request(pool: Pool<Channel>, message: string): Promise<string> {
  const channel = await pool.acquire(); // leak: not released when send() throws
  const reply = await channel.send(message);
  await pool.release(channel);
  return reply;
}
