// What `npm start` runs: a small long-lived job on embedded defaults (no external service).
// Workers borrow simulated database connections from a leakguard pool, a migration queue
// copies batches through that pool and forgets finished batches on time, calls to a flaky
// service go through per-host circuit breakers, a cache expires on
// the shared Sweeper, an expensive client opens once however many callers race for it, the
// metrics are served for Prometheus (with the process's open handles and leakguard's open
// pools, leases and queues), and on Ctrl-C (SIGINT) or SIGTERM everything is disposed
// newest-first within the deadline; if something still holds the process 4 s after the signal,
// explainExit says what.
//
//   PORT          metrics port (default 9464; 0 picks a free one)
//   DEMO_TICK_MS  how often each worker starts a job (default 500)
//   DATABASE_URL  also run a real pg pool against this PostgreSQL, instrumented by leakguard
//   DEMO_TRACK_HANDLES=1  record where handles and leases are opened, for explainExit's message
import { defaultResourceRegistry, installShutdownHooks, startMetricsServer } from '@leakguard/core';
import { explainExit, observeActiveResources, observeOpenResources, trackHandles } from '@leakguard/handles';
import { startCache } from './cache.js';
import { startPgPool } from './pg.js';
import { startFlakyDependency } from './flakyDependency.js';
import { startMigration } from './migration.js';
import { startPoolWorkers, startSimulatedPool } from './simulatedPool.js';

const port = Number(process.env.PORT ?? 9464);
const tickMs = Number(process.env.DEMO_TICK_MS ?? 500);
const registry = defaultResourceRegistry();
const log = (message: string): void => console.log(`[demo] ${message}`);
const logger = { debug() {}, info: log, warn: log, error: (m: string) => console.error(`[demo] ${m}`) };

if (process.env.DEMO_TRACK_HANDLES === '1') trackHandles();
installShutdownHooks({ timeoutMs: 5_000, logger });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => explainExit({ afterMs: 4_000 }));
// v8js.resource.active and leakguard.resources.open, read at each scrape.
observeActiveResources();
observeOpenResources();

const server = await startMetricsServer({ port });
registry.register(server, { name: 'metrics', kind: 'server' });

startCache({ registry, tickMs, log });
const db = startSimulatedPool({ registry, logger });
startMigration({ registry, tickMs, logger, db });
startPoolWorkers({ registry, tickMs, logger, pool: db });
startFlakyDependency({ registry, tickMs, logger });
if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '') {
  await startPgPool({ registry, tickMs, logger, connectionString: process.env.DATABASE_URL });
}

log(`metrics at ${server.url}`);
log(`${registry.size} resources registered; press Ctrl-C to stop (shutdown deadline 5000 ms)`);
