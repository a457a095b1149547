import type { Logger, ResourceRegistry } from '@leakguard/core';

/** With DATABASE_URL set: a real pg pool, instrumented by leakguard, running a query per tick. */
export async function startPgPool(options: { registry: ResourceRegistry; tickMs: number; logger: Logger; connectionString: string }): Promise<void> {
  const { registry, tickMs, logger, connectionString } = options;
  // pg is loaded only when asked for, so `npm start` needs no database.
  const { default: pg } = await import('pg');
  const { instrumentPgPool } = await import('@leakguard/pool');
  const pool = new pg.Pool({ connectionString, max: 4, application_name: 'leakguard-demo' });
  registry.register(() => pool.end(), { name: 'demo-pg', kind: 'pool' });
  const instrumentation = instrumentPgPool(pool, { name: 'demo-pg', logger, leakDetectionThresholdMs: 5_000 });
  registry.register(instrumentation, { name: 'demo-pg-instrumentation', kind: 'instrumentation' });
  const work = setInterval(() => {
    pool.query('SELECT pg_sleep(0.01)').catch((error: unknown) => logger.warn(`pg query failed: ${error instanceof Error ? error.message : String(error)}`));
  }, tickMs);
  registry.register(() => clearInterval(work), { name: 'demo-pg-work', kind: 'task' });
  logger.info(`pg pool "demo-pg" instrumented (${pool.options.max ?? 10} connections max)`);
}
