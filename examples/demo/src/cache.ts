import type { ResourceRegistry } from '@leakguard/core';
import { defaultSweeper, lazy, singleflight } from '@leakguard/core';

/**
 * A cache whose entries expire on the shared Sweeper (not on the next lookup), filled through
 * singleflight so concurrent lookups of one key share one load, from a client opened once.
 */
export function startCache(options: { registry: ResourceRegistry; tickMs: number; log: (m: string) => void }): void {
  const { registry, tickMs, log } = options;
  const client = lazy(
    async () => {
      await new Promise((r) => setTimeout(r, 50));
      log('cache client opened (once)');
      return { queries: 0, open: true };
    },
    { name: 'demo-cache-client', dispose: (c) => void ((c.open = false), log(`cache client closed after ${c.queries} queries`)) },
  );
  registry.register(client, { name: 'demo-cache-client', kind: 'connection' });

  const cache = new Map<string, { value: number; expiresAt: number }>();
  const expiry = defaultSweeper().schedule('demo cache expiry', 1_000, () => {
    const now = Date.now();
    for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
  });
  registry.register(() => expiry.cancel(), { name: 'demo-cache-expiry', kind: 'task' });

  const loads = singleflight<string, number>();
  let tick = 0;
  const work = setInterval(() => {
    tick++;
    const key = `item-${tick % 20}`;
    const load = (): Promise<number> =>
      loads.run(key, async () => {
        const c = await client.get();
        c.queries++;
        return tick;
      });
    void Promise.all([load(), load(), load()]).then(([value]) => {
      cache.set(key, { value: value ?? 0, expiresAt: Date.now() + 3_000 });
    });
  }, tickMs);
  registry.register(() => clearInterval(work), { name: 'demo-cache-work', kind: 'task' });
}
