import type { Logger, ResourceRegistry } from '@leakguard/core';
import type { Pool } from '@leakguard/pool';
import { createPool } from '@leakguard/pool';

export interface SimulatedConnection {
  readonly id: number;
  queries: number;
  open: boolean;
}

/**
 * A leakguard pool of simulated database connections: opening one takes 10-40 ms and fails
 * now and then, as real ones do.
 */
export function startSimulatedPool(options: { registry: ResourceRegistry; logger: Logger }): Pool<SimulatedConnection> {
  const { registry, logger } = options;
  let next = 0;
  const pool = createPool<SimulatedConnection>({
    name: 'demo-db',
    min: 2,
    max: 5,
    idleTimeoutMs: 10_000,
    maxLifetimeMs: 60_000,
    acquireTimeoutMs: 2_000,
    leakDetectionThresholdMs: 1_000,
    registry,
    logger,
    create: async (signal) => {
      await new Promise((resolve, reject) => {
        const t = setTimeout(resolve, 10 + Math.random() * 30);
        signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
      });
      if (Math.random() < 0.05) throw new Error('connect ECONNRESET (simulated)');
      return { id: next++, queries: 0, open: true };
    },
    destroy: (c) => {
      c.open = false;
    },
    validate: (c) => c.open,
  });

  return pool;
}

/**
 * Four workers run jobs through `pool.use`; one job in fifty holds its connection long enough to
 * trip leak detection. Start them after everything else that uses the pool: shutdown disposes
 * newest first, so the workers stop before the migration queue drains through the same pool.
 */
export function startPoolWorkers(options: { registry: ResourceRegistry; tickMs: number; logger: Logger; pool: Pool<SimulatedConnection> }): void {
  const { registry, tickMs, logger, pool } = options;
  let jobs = 0;
  const workers = [1, 2, 3, 4].map(() =>
    setInterval(() => {
      const slow = ++jobs % 50 === 0;
      pool
        .use(async (c) => {
          c.queries++;
          await new Promise((r) => setTimeout(r, slow ? 1_200 : 5 + Math.random() * 20));
        })
        .catch((error: unknown) => logger.warn(`job failed: ${error instanceof Error ? error.message : String(error)}`));
    }, tickMs),
  );
  registry.register(() => workers.forEach(clearInterval), { name: 'demo-db-workers', kind: 'task' });
}
