/** Counts of one owner's open resources, by kind (`lease`, `pool`, `queue`, `task`, ...). */
export type OpenResourceCounts = Readonly<Record<string, number>>;

interface Provider {
  readonly owner: WeakRef<object>;
  readonly read: (owner: object) => OpenResourceCounts;
}

const providers = new Set<Provider>();

/**
 * Lets an owner (a pool, a queue, a breaker registry) report what it holds open, for the
 * `leakguard.resources.open` metric, the exit diagnosis and the test-suite leak check. The owner
 * is held weakly: one dropped without close() stops being counted once collected. Unregister
 * on close.
 */
export function reportOpenResources<T extends object>(owner: T, read: (owner: T) => OpenResourceCounts): { unregister(): void } & Disposable {
  const provider: Provider = { owner: new WeakRef(owner), read: read as (owner: object) => OpenResourceCounts };
  providers.add(provider);
  const unregister = (): void => {
    providers.delete(provider);
  };
  return { unregister, [Symbol.dispose]: unregister };
}

/** What every reporting owner holds open now, summed by kind. */
export function openResources(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const p of providers) {
    const owner = p.owner.deref();
    if (owner === undefined) {
      providers.delete(p);
      continue;
    }
    for (const [kind, n] of Object.entries(p.read(owner))) totals.set(kind, (totals.get(kind) ?? 0) + n);
  }
  return totals;
}
