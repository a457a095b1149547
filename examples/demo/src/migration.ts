import type { Logger, ResourceRegistry } from '@leakguard/core';
import type { Pool } from '@leakguard/pool';
import { createQueue } from '@leakguard/queue';
import type { SimulatedConnection } from './simulatedPool.js';

/**
 * A simulated migration: a reader adds a batch per tick to a bounded leakguard queue; three
 * at a time, each batch borrows a connection from the pool and "copies" its records. Some
 * batches fail and some time out, as real ones do; the queue keeps the last 100 records of
 * each kind for ten minutes, however long the demo runs, and counts everything.
 */
export function startMigration(options: { registry: ResourceRegistry; tickMs: number; logger: Logger; db: Pool<SimulatedConnection> }): void {
  const { registry, tickMs, logger, db } = options;
  const queue = createQueue({
    name: 'demo-migration',
    concurrency: 3,
    maxPending: 10,
    taskTimeoutMs: 1_000,
    retention: { completed: { count: 100, ageMs: 600_000 }, failed: { count: 100, ageMs: 600_000 } },
    registry,
    logger,
  });
  let batch = 0;
  const reader = setInterval(() => {
    const first = batch * 500;
    batch++;
    const slow = batch % 40 === 0;
    const broken = batch % 25 === 0;
    queue
      .add(
        ({ signal }) =>
          db.use(async (connection) => {
            connection.queries++;
            await new Promise<void>((resolve, reject) => {
              const t = setTimeout(resolve, slow ? 5_000 : 10 + Math.random() * 40);
              signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
            });
            if (broken) throw new Error(`batch at record ${first}: duplicate key (simulated)`);
          }),
        { id: `batch-${first}` },
      )
      .catch((error: unknown) => logger.warn(`migration: ${error instanceof Error ? error.message : String(error)}`));
  }, tickMs);
  // Registered after the queue: shutdown stops reading first, then drains the queue.
  registry.register(() => clearInterval(reader), { name: 'demo-migration-reader', kind: 'task' });
}
