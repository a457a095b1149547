// The fix: `using` lets the lock go at the end of the block, thrown or not.
import type { Mutex } from 'corpus-sync';

export function renameAccount(locks: Mutex, accounts: Map<string, string>, id: string, name: string): void {
  using guard = locks.lock(`account:${id}`);
  if (!accounts.has(id)) throw new Error(`no account ${id}`);
  accounts.set(id, name);
}
