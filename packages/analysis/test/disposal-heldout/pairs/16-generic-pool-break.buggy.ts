// Drains an outbox through pooled broker channels (generic-pool). A channel found closed ends the
// loop with `break` before the try, and is neither released nor destroyed: the pool counts it as
// borrowed forever.
import type { Pool } from 'generic-pool';
import type { Channel } from 'heldout-broker';

export async function drainOutbox(pool: Pool<Channel>, outbox: string[]): Promise<number> {
  let sent = 0;
  while (outbox.length > 0) {
    const channel = await pool.acquire(); // leak: the break on a closed channel neither releases nor destroys it
    if (!channel.open) break;
    const message = outbox.shift() ?? '';
    try {
      await channel.publish(message);
      sent += 1;
    } finally {
      await pool.release(channel);
    }
  }
  return sent;
}
