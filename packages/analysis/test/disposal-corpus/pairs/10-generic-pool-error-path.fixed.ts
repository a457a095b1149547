// The fix: release on success, destroy (it may be broken) on failure, then rethrow.
import type { Pool } from 'generic-pool';

export interface Channel {
  send(message: string): Promise<string>;
}

export async function request(pool: Pool<Channel>, message: string): Promise<string> {
  const channel = await pool.acquire();
  let reply: string;
  try {
    reply = await channel.send(message);
  } catch (error) {
    await pool.destroy(channel);
    throw error;
  }
  await pool.release(channel);
  return reply;
}
