/** Counts of one owner's open resources, by kind (`lease`, `pool`, `queue`, `task`, ...). */
export type OpenResourceCounts = Readonly<Record<string, number>>;

/** One open resource named on its own, for the exit diagnosis and the test-suite leak check. */
export interface OpenResourceItem {
  /** The same kinds as in the counts: `lease`, `pool`, `queue`, ... */
  readonly kind: string;
  /** Who holds it, as a reader knows it: `pool "db"`. */
  readonly owner: string;
  /** Milliseconds it has been open. */
  readonly ageMs: number;
  /**
   * The stack where it was opened (for a lease, the `acquire()` call), when captured: leases
   * capture it while `captureOpenResourceSites(true)` is on or their pool's leak detection is.
   */
  readonly stack: string | undefined;
  /** Stays the same object while the resource is open (the lease, the pool), so callers can tell new items from old. */
  readonly ref: object;
}

interface Provider {
  readonly owner: WeakRef<object>;
  readonly read: (owner: object) => OpenResourceCounts;
  readonly items: ((owner: object) => Iterable<OpenResourceItem>) | undefined;
}

const providers = new Set<Provider>();

// Shared through globalThis: a test runner may load this module more than once per process,
// and the switch must reach every copy the pools were created with.
const SITES_KEY = Symbol.for('leakguard.core.openResourceSites');
const globalSlot = globalThis as unknown as Record<symbol, { on: number } | undefined>;
const sites = (globalSlot[SITES_KEY] ??= { on: 0 });

/**
 * Lets an owner (a pool, a queue, a breaker registry) report what it holds open, for the
 * `leakguard.resources.open` metric, the exit diagnosis and the test-suite leak check. The owner
 * is held weakly: one dropped without close() stops being counted once collected. Unregister
 * on close. `items`, when given, names the resources one by one (read only for diagnosis).
 */
export function reportOpenResources<T extends object>(
  owner: T,
  read: (owner: T) => OpenResourceCounts,
  items?: (owner: T) => Iterable<OpenResourceItem>,
): { unregister(): void } & Disposable {
  const provider: Provider = {
    owner: new WeakRef(owner),
    read: read as (owner: object) => OpenResourceCounts,
    items: items as ((owner: object) => Iterable<OpenResourceItem>) | undefined,
  };
  providers.add(provider);
  const unregister = (): void => {
    providers.delete(provider);
  };
  return { unregister, [Symbol.dispose]: unregister };
}

function* liveProviders(): Generator<[Provider, object]> {
  for (const p of providers) {
    const owner = p.owner.deref();
    if (owner === undefined) providers.delete(p);
    else yield [p, owner];
  }
}

/**
 * For an owner that names itself among its items: records when and where it was created (one
 * stack, formatted only when read) and returns the item describing it at the time of the call.
 */
export function openedHere(kind: string, owner: string, ref: object): () => OpenResourceItem {
  const createdAt = performance.now();
  const site = new Error('created here');
  return () => ({ kind, owner, ageMs: performance.now() - createdAt, stack: site.stack, ref });
}

/** What every reporting owner holds open now, summed by kind. */
export function openResources(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [p, owner] of liveProviders()) {
    for (const [kind, n] of Object.entries(p.read(owner))) totals.set(kind, (totals.get(kind) ?? 0) + n);
  }
  return totals;
}

/** Every open resource whose owner names them one by one (pools and their leases, queues, registries). */
export function openResourceItems(): OpenResourceItem[] {
  const all: OpenResourceItem[] = [];
  for (const [p, owner] of liveProviders()) if (p.items !== undefined) all.push(...p.items(owner));
  return all;
}

/**
 * Asks owners to capture where each resource is opened (a stack per lease), so diagnoses can say
 * `lease acquired at src/jobs/sync.ts:41`. Calls nest: each `true` needs its `false`. The handle
 * tracker turns it on while it runs. Costs one captured stack per acquire while on.
 */
export function captureOpenResourceSites(on: boolean): void {
  sites.on = Math.max(0, sites.on + (on ? 1 : -1));
}

/** Whether owners should capture open sites now (see captureOpenResourceSites). */
export function openResourceSitesEnabled(): boolean {
  return sites.on > 0;
}
