import { ResourceRegistry, Sweeper, prometheusSink, silentLogger } from '@leakguard/core';
import type { Logger, PrometheusSink } from '@leakguard/core';
import { Registry } from 'prom-client';
import type { Pool, PoolOptions } from '../../src/index.js';
import { createPool } from '../../src/index.js';

let seq = 0;

export interface Conn {
  readonly id: number;
  open: boolean;
}

export interface Harness extends AsyncDisposable {
  readonly pool: Pool<Conn>;
  readonly sink: PrometheusSink;
  readonly sweeper: Sweeper;
  readonly registry: ResourceRegistry;
  readonly logs: string[];
  readonly created: Conn[];
  readonly destroyed: Conn[];
  metrics(): Promise<string>;
}

/**
 * A pool of fake connections with its own registry, sweeper, Prometheus registry and a
 * logger that records lines; disposing it closes all of them.
 */
export function harness(options: Partial<PoolOptions<Conn>> = {}): Harness {
  const id = ++seq;
  const created: Conn[] = [];
  const destroyed: Conn[] = [];
  const logs: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (m) => void logs.push(`warn: ${m}`), info: (m) => void logs.push(`info: ${m}`), error: (m) => void logs.push(`error: ${m}`) };
  const sink = prometheusSink({ registry: new Registry() });
  const sweeper = new Sweeper({ name: `pool-test-sweeper-${id}`, logger: silentLogger, meter: sink });
  const registry = new ResourceRegistry({ name: `pool-test-registry-${id}`, meter: sink });
  let n = 0;
  const pool = createPool<Conn>({
    name: `test-pool-${id}`,
    create: async () => {
      const c = { id: n++, open: true };
      created.push(c);
      return c;
    },
    destroy: (c) => {
      c.open = false;
      destroyed.push(c);
    },
    logger,
    meter: sink,
    registry,
    sweeper,
    ...options,
  });
  return {
    pool,
    sink,
    sweeper,
    registry,
    logs,
    created,
    destroyed,
    metrics: () => sink.registry.metrics(),
    async [Symbol.asyncDispose]() {
      await pool.close({ timeoutMs: 100 });
      await registry.close();
      sweeper.close();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
