// Not acquisitions: reads from collections and fields, a method of the project that returns what
// it keeps, AsyncLocalStorage's store, and a `checkout()` on a type that is not the declared
// LockManager.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FileHandle } from 'node:fs/promises';
import type pg from 'pg';
import type { Probe } from 'heldout-metrics';
import type { Cart } from 'heldout-shop';

export class ConnectionRegistry {
  readonly #clients = new Map<string, pg.Client>();
  readonly #handles: FileHandle[] = [];
  #current: Probe | undefined;
  readonly #storage = new AsyncLocalStorage<pg.Client>();

  async ping(name: string): Promise<boolean> {
    const client = this.#clients.get(name);
    if (client === undefined) return false;
    await client.query('SELECT 1');
    return true;
  }

  async tail(): Promise<number> {
    const last = this.#handles.at(-1);
    const first = this.#handles[0];
    const stats = await (last ?? first)?.stat();
    return stats?.size ?? 0;
  }

  current(): Probe | undefined {
    return this.#current;
  }

  healthy(): boolean {
    const probe = this.current();
    return probe?.check() ?? false;
  }

  async inRequest(): Promise<void> {
    const client = this.#storage.getStore();
    await client?.query('SELECT 1');
  }
}

export async function placeOrder(cart: Cart): Promise<string> {
  const receipt = await cart.checkout();
  if (receipt.total <= 0) return 'empty';
  return receipt.id;
}
