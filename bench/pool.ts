import type { ResourceRegistry } from '@leakguard/core';
import { METRICS } from '@leakguard/core';
import { createPool as createGenericPool } from 'generic-pool';
import { Pool as TarnPool } from 'tarn';
import { createPool } from '../packages/pool/src/index.js';
import type { Contender, Trial } from './support/interleave.js';
import { interleave } from './support/interleave.js';
import type { Metrics } from './support/metrics.js';
import { withMetrics } from './support/metrics.js';
import { noopSink } from './support/noopSink.js';
import { roundProgress, roundRegistry } from './support/roundRegistry.js';
import type { ScenarioResult, Suite, SuiteOptions, SuiteResult } from './support/suite.js';

/** A pool workload: `workers` loops share `ops` acquire+release pairs on a pool of `max`. */
interface Scenario {
  readonly name: string;
  readonly workers: number;
  readonly max: number;
  /** At scale 1. */
  readonly ops: number;
}

const SCENARIOS: readonly Scenario[] = [
  // As many workers as resources: an acquire never waits, so this is the pool's fast path.
  { name: 'uncontended', workers: 10, max: 10, ops: 200_000 },
  // 20 workers per resource: nearly every acquire queues, so this is the hand-off path.
  { name: 'contended', workers: 200, max: 10, ops: 200_000 },
];

const ANCHORS = ['generic-pool', 'tarn'] as const;

/** Long enough never to fire during a run: no timeouts, idle eviction or housekeeping skew the numbers. */
const NEVER_MS = 600_000;

/** The `pool` suite: acquire+release throughput of leakguard's createPool (metrics on and off) against generic-pool and tarn. */
export const suite: Suite = {
  name: 'pool',
  description: 'acquire+release throughput of createPool (metrics on and off) vs generic-pool and tarn',
  run: runPoolSuite,
};

async function runPoolSuite(options: SuiteOptions): Promise<SuiteResult> {
  const warmupRounds = 1;
  const scenarios: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    const ops = Math.max(1, Math.round(scenario.ops * options.scale));
    const description = `${scenario.workers} workers, max ${scenario.max}, ${ops} acquire+release`;
    options.progress(`pool/${scenario.name}: ${description}; ${warmupRounds} warm-up + ${options.rounds} rounds`);
    const rounds = roundRegistry();
    const samples = await interleave(contenders(scenario, ops, rounds.current), {
      ops,
      rounds: options.rounds,
      warmupRounds,
      around: rounds.around,
      onRound: roundProgress(options.progress, `pool/${scenario.name}`, options.rounds),
    });
    scenarios.push({ name: scenario.name, description, samples });
  }
  return { suite: 'pool', unit: 'ops/s', higherIsBetter: true, anchors: ANCHORS, rounds: options.rounds, warmupRounds, scenarios };
}

/** Every contender for one scenario, leakguard first, anchors last. */
function contenders(scenario: Scenario, ops: number, registry: () => ResourceRegistry): Contender[] {
  return [
    leakguard('leakguard', scenario, ops, registry, () => withMetrics(METRICS.poolUseTime)),
    leakguard('leakguard-no-metrics', scenario, ops, registry, () => ({ sink: noopSink(), finish: async () => {} })),
    genericPool(scenario, ops),
    tarn(scenario, ops),
  ];
}

/** A plain object resource, created without I/O: the benchmark measures the pool, not the resource. */
interface Resource {
  readonly id: number;
}

/** Shares one operation budget among a scenario's workers. */
class Budget {
  #left: number;

  constructor(ops: number) {
    this.#left = ops;
  }

  /** True while operations remain; each true spends one. */
  take(): boolean {
    return this.#left-- > 0;
  }
}

/** Runs `count` copies of `worker` concurrently and waits for all. */
async function workers(count: number, worker: () => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: count }, worker));
}

/**
 * Acquires `max` resources at once and returns them all, so every contender starts its
 * timed run with a full pool of idle resources; checks the pool created exactly `max`.
 */
async function prefill<R>(max: number, created: () => number, acquire: () => Promise<R>, release: (r: R) => void): Promise<void> {
  const held = await Promise.all(Array.from({ length: max }, acquire));
  for (const r of held) release(r);
  if (created() !== max) throw new Error(`bench: prefill created ${created()} resources, expected ${max}`);
}




function leakguard(name: string, scenario: Scenario, ops: number, registry: () => ResourceRegistry, metrics: () => Metrics): Contender {
  return {
    name,
    async setup(round): Promise<Trial> {
      const { sink, finish } = metrics();
      let n = 0;
      const pool = createPool<Resource>({
        name: `bench-${round}-${name}`,
        create: async () => ({ id: n++ }),
        destroy: () => {},
        min: 0,
        max: scenario.max,
        acquireTimeoutMs: NEVER_MS,
        idleTimeoutMs: NEVER_MS,
        maxLifetimeMs: 0,
        meter: sink,
        registry: registry(),
      });
      await prefill(scenario.max, () => n, () => pool.acquire(), (lease) => lease.release());
      const budget = new Budget(ops);
      return {
        run: () =>
          workers(scenario.workers, async () => {
            while (budget.take()) {
              const lease = await pool.acquire();
              lease.release();
            }
          }),
        teardown: async () => {
          await finish();
          await pool.close({ timeoutMs: 10_000 });
        },
      };
    },
  };
}

function genericPool(scenario: Scenario, ops: number): Contender {
  return {
    name: 'generic-pool',
    async setup(): Promise<Trial> {
      let n = 0;
      const pool = createGenericPool<Resource>(
        { create: async () => ({ id: n++ }), destroy: async () => {} },
        // evictionRunIntervalMillis 0 (its default) runs no evictor.
        { min: 0, max: scenario.max, acquireTimeoutMillis: NEVER_MS, idleTimeoutMillis: NEVER_MS, evictionRunIntervalMillis: 0, testOnBorrow: false },
      );
      await prefill(scenario.max, () => n, () => pool.acquire(), (r) => void pool.release(r));
      const budget = new Budget(ops);
      return {
        run: () =>
          workers(scenario.workers, async () => {
            while (budget.take()) {
              const r = await pool.acquire();
              void pool.release(r);
            }
          }),
        teardown: async () => {
          await pool.drain();
          await pool.clear();
        },
      };
    },
  };
}

function tarn(scenario: Scenario, ops: number): Contender {
  return {
    name: 'tarn',
    async setup(): Promise<Trial> {
      let n = 0;
      const pool = new TarnPool<Resource>({
        create: async () => ({ id: n++ }),
        destroy: () => {},
        min: 0,
        max: scenario.max,
        acquireTimeoutMillis: NEVER_MS,
        createTimeoutMillis: NEVER_MS,
        destroyTimeoutMillis: NEVER_MS,
        idleTimeoutMillis: NEVER_MS,
        reapIntervalMillis: NEVER_MS,
      });
      await prefill(scenario.max, () => n, () => pool.acquire().promise, (r) => pool.release(r));
      const budget = new Budget(ops);
      return {
        run: () =>
          workers(scenario.workers, async () => {
            while (budget.take()) {
              const r = await pool.acquire().promise;
              pool.release(r);
            }
          }),
        teardown: async () => {
          await pool.destroy();
        },
      };
    },
  };
}
