// What `npm start` runs: a small long-lived job on embedded defaults (no external service).
// Workers borrow simulated database connections from a leakguard pool, a migration queue
// copies batches through that pool and forgets finished batches on time, calls to a flaky
// service go through per-host circuit breakers, a cache expires on
// the shared Sweeper, an expensive client opens once however many callers race for it, the
// metrics are served for Prometheus, and on Ctrl-C (SIGINT) or SIGTERM everything is disposed
// newest-first within the deadline.
//
//   PORT          metrics port (default 9464; 0 picks a free one)
//   DEMO_TICK_MS  how often each worker starts a job (default 500)
//   DATABASE_URL  also run a real pg pool against this PostgreSQL, instrumented by leakguard
import { defaultResourceRegistry, installShutdownHooks, startMetricsServer } from '@leakguard/core';
import { startCache } from './cache.js';
import { startPgPool } from './pg.js';
import { startFlakyDependency } from './flakyDependency.js';
import { startMigration } from './migration.js';
import { startSimulatedPool } from './simulatedPool.js';

const port = Number(process.env.PORT ?? 9464);
const tickMs = Number(process.env.DEMO_TICK_MS ?? 500);
const registry = defaultResourceRegistry();
const log = (message: string): void => console.log(`[demo] ${message}`);
const logger = { debug() {}, info: log, warn: log, error: (m: string) => console.error(`[demo] ${m}`) };

installShutdownHooks({ timeoutMs: 5_000, logger });

const server = await startMetricsServer({ port });
registry.register(server, { name: 'metrics', kind: 'server' });

startCache({ registry, tickMs, log });
const db = startSimulatedPool({ registry, tickMs, logger });
startMigration({ registry, tickMs, logger, db });
startFlakyDependency({ registry, tickMs, logger });
if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '') {
  await startPgPool({ registry, tickMs, logger, connectionString: process.env.DATABASE_URL });
}

log(`metrics at ${server.url}`);
log(`${registry.size} resources registered; press Ctrl-C to stop (shutdown deadline 5000 ms)`);
