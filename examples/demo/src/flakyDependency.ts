import type { Logger, ResourceRegistry } from '@leakguard/core';
import { BreakerOpenError, createBreakerRegistry } from '@leakguard/breaker';

/**
 * Calls to a simulated flaky service through per-host circuit breakers: "payments" goes down
 * for a few seconds every twenty, "search" is slow now and then. The breakers open while a
 * host is down (calls are refused at once instead of piling up), let a trial through after a
 * second, and close again when the host is back.
 */
export function startFlakyDependency(options: { registry: ResourceRegistry; tickMs: number; logger: Logger }): void {
  const { registry, tickMs, logger } = options;
  const breakers = createBreakerRegistry({
    name: 'demo-hosts',
    maxBreakers: 50,
    idleTtlMs: 60_000,
    defaults: { policy: { errorRate: 0.5, minCalls: 5, windowMs: 5_000 }, resetTimeoutMs: 1_000, timeoutMs: 200 },
    registry,
  });
  const started = Date.now();
  const down = (): boolean => (Date.now() - started) % 20_000 > 15_000;
  const call = (host: string, signal: AbortSignal): Promise<string> =>
    new Promise((resolve, reject) => {
      const slow = host === 'search' && Math.random() < 0.05;
      const t = setTimeout(() => (host === 'payments' && down() ? reject(new Error(`${host}: 503`)) : resolve('ok')), slow ? 500 : 5);
      signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
    });
  let refused = 0;
  const client = setInterval(() => {
    for (const host of ['payments', 'search']) {
      breakers
        .get(host)
        .run(({ signal }) => call(host, signal))
        .catch((error: unknown) => {
          if (error instanceof BreakerOpenError) refused++;
        });
    }
  }, tickMs);
  const report = setInterval(() => {
    if (refused > 0) logger.info(`breakers refused ${refused} calls to hosts that were down`);
    refused = 0;
  }, 10_000);
  report.unref();
  registry.register(() => (clearInterval(client), clearInterval(report)), { name: 'demo-hosts-client', kind: 'task' });
}
