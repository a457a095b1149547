// Shard rebalancing under a distributed lock (a declared pair: LockManager.checkout → checkin or
// discard): checked in on every path, discarded when a move fails.
import type { LockManager } from 'heldout-locks';

export async function rebalanceShard(locks: LockManager, shard: string, moves: readonly string[]): Promise<boolean> {
  const lock = await locks.checkout(`shard:${shard}`);
  let failed = false;
  try {
    if (lock.frozen) return false;
    for (const move of moves) await lock.run(move);
    return true;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (failed) lock.discard();
    else lock.checkin();
  }
}
