// Drains an outbox through pooled broker channels (generic-pool): a closed channel is destroyed, a
// healthy one released, in finally.
import type { Pool } from 'generic-pool';
import type { Channel } from 'heldout-broker';

export async function drainOutbox(pool: Pool<Channel>, outbox: string[]): Promise<number> {
  let sent = 0;
  while (outbox.length > 0) {
    const channel = await pool.acquire();
    let broken = false;
    try {
      if (!channel.open) {
        broken = true;
        break;
      }
      const message = outbox.shift() ?? '';
      await channel.publish(message);
      sent += 1;
    } finally {
      if (broken) await pool.destroy(channel);
      else await pool.release(channel);
    }
  }
  return sent;
}
