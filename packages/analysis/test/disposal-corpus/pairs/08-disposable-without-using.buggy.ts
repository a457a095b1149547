// A guard meant for `using` was bound with const: the lock is never let go, and the next caller
// for the same key waits forever.
import type { Mutex } from 'corpus-sync';

export function renameAccount(locks: Mutex, accounts: Map<string, string>, id: string, name: string): void {
  const guard = locks.lock(`account:${id}`); // leak: created without using and never disposed
  if (!accounts.has(id)) throw new Error(`no account ${id}`);
  accounts.set(id, name);
}
