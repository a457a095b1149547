// Shard rebalancing under a distributed lock (a declared pair: LockManager.checkout → checkin or
// discard). A frozen shard returns before the try, with the lock still checked out: nobody can
// rebalance that shard until the lock's lease expires.
import type { LockManager } from 'heldout-locks';

export async function rebalanceShard(locks: LockManager, shard: string, moves: readonly string[]): Promise<boolean> {
  const lock = await locks.checkout(`shard:${shard}`); // leak: the frozen-shard return skips checkin
  if (lock.frozen) return false;
  try {
    for (const move of moves) await lock.run(move);
  } catch (error) {
    lock.discard();
    throw error;
  }
  lock.checkin();
  return true;
}
