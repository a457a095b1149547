// What `npm start` runs: a small long-lived job on embedded defaults (no external service).
// It keeps a cache whose entries expire on the shared Sweeper, opens a "connection" once
// however many ticks race for it, serves leakguard's metrics, and on Ctrl-C (SIGINT) or
// SIGTERM disposes everything newest-first within its deadline.
//
//   PORT        metrics port (default 9464; 0 picks a free one)
//   DEMO_TICK_MS  how often the job does a unit of work (default 500)
import {
  defaultResourceRegistry,
  defaultSweeper,
  installShutdownHooks,
  lazy,
  singleflight,
  startMetricsServer,
} from '@leakguard/core';

const port = Number(process.env.PORT ?? 9464);
const tickMs = Number(process.env.DEMO_TICK_MS ?? 500);
const registry = defaultResourceRegistry();
const log = (message: string): void => console.log(`[demo] ${message}`);

installShutdownHooks({
  timeoutMs: 5_000,
  logger: { debug() {}, info: log, warn: log, error: (m) => console.error(`[demo] ${m}`) },
});

const server = await startMetricsServer({ port });
registry.register(server, { name: 'metrics', kind: 'server' });

// A "connection" that is expensive to open: many ticks may ask at once, one opens it.
const connection = lazy(
  async () => {
    await new Promise((r) => setTimeout(r, 50));
    log('connection opened (once)');
    return { queries: 0, open: true };
  },
  { name: 'demo-connection', dispose: (c) => void ((c.open = false), log(`connection closed after ${c.queries} queries`)) },
);
registry.register(connection, { name: 'demo-connection', kind: 'connection' });

// A cache whose entries expire: the shared Sweeper removes them, not the next lookup.
const cache = new Map<string, { value: number; expiresAt: number }>();
const expiry = defaultSweeper().schedule('demo cache expiry', 1_000, () => {
  const now = Date.now();
  for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
});
registry.register(() => expiry.cancel(), { name: 'demo-cache-expiry', kind: 'task' });

// Concurrent lookups of the same key share one load.
const loads = singleflight<string, number>();
let tick = 0;
const work = setInterval(() => {
  tick++;
  const key = `item-${tick % 20}`;
  void Promise.all([1, 2, 3].map(() => loads.run(key, async () => {
    const c = await connection.get();
    c.queries++;
    return tick;
  }))).then(([value]) => {
    cache.set(key, { value: value ?? 0, expiresAt: Date.now() + 3_000 });
  });
}, tickMs);
registry.register(() => clearInterval(work), { name: 'demo-work', kind: 'task' });

log(`metrics at ${server.url}`);
log(`${registry.size} resources registered; press Ctrl-C to stop (shutdown deadline 5000 ms)`);
