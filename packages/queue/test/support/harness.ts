import { ResourceRegistry, Sweeper, prometheusSink, silentLogger } from '@leakguard/core';
import type { Logger, PrometheusSink } from '@leakguard/core';
import { Registry } from 'prom-client';
import type { Queue, QueueOptions } from '../../src/index.js';
import { createQueue } from '../../src/index.js';

let seq = 0;

export interface Harness extends AsyncDisposable {
  readonly queue: Queue;
  readonly sink: PrometheusSink;
  readonly sweeper: Sweeper;
  readonly registry: ResourceRegistry;
  readonly logs: string[];
  metrics(): Promise<string>;
}

/** A queue with its own registry, sweeper, Prometheus registry and a recording logger. */
export function harness(options: Partial<QueueOptions> = {}): Harness {
  const id = ++seq;
  const logs: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (m) => void logs.push(`warn: ${m}`), error: (m) => void logs.push(`error: ${m}`) };
  const sink = prometheusSink({ registry: new Registry() });
  const sweeper = new Sweeper({ name: `queue-test-sweeper-${id}`, logger: silentLogger, meter: sink });
  const registry = new ResourceRegistry({ name: `queue-test-registry-${id}`, meter: sink });
  const queue = createQueue({ name: `test-queue-${id}`, logger, meter: sink, registry, sweeper, ...options });
  return {
    queue,
    sink,
    sweeper,
    registry,
    logs,
    metrics: () => sink.registry.metrics(),
    async [Symbol.asyncDispose]() {
      await queue.close({ mode: 'cancel' });
      await registry.close();
      sweeper.close();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A promise you settle from outside. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
