import { METRICS } from '@leakguard/core';
import { ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import CircuitBreaker from 'opossum';
import { createBreaker } from '../packages/breaker/src/index.js';
import type { Contender, Trial } from './support/interleave.js';
import { interleave } from './support/interleave.js';
import { withMetrics } from './support/metrics.js';
import { median } from './support/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from './support/suite.js';

/** Calls per trial, at scale 1. */
const CALLS = 200_000;

const ANCHORS = ['opossum', 'cockatiel'] as const;

/** What leakguard's breaker is to reach, as a multiple of each anchor's median calls/s. */
const TARGETS: Readonly<Record<(typeof ANCHORS)[number], number>> = { opossum: 3, cockatiel: 1 };

type Fn = () => Promise<number>;

/** The trivial call every contender wraps: one shared function, so no contender pays for allocating closures. */
const fn: Fn = async () => 1;

/** The `breaker` suite: what wrapping a call in a circuit breaker costs, leakguard's createBreaker (metrics on) against opossum and cockatiel, with the bare call as the floor. */
export const suite: Suite = {
  name: 'breaker',
  description: 'calls/s through createBreaker (metrics on) vs opossum and cockatiel, and the bare call',
  run: runBreakerSuite,
};

async function runBreakerSuite(options: SuiteOptions): Promise<SuiteResult> {
  const warmupRounds = 1;
  const calls = Math.max(1, Math.round(CALLS * options.scale));
  const description = `${calls} calls of async () => 1, each awaited before the next, breaker closed throughout`;
  options.progress(`breaker/calls: ${description}; ${warmupRounds} warm-up + ${options.rounds} rounds`);
  const samples = await interleave(contenders(calls), {
    ops: calls,
    rounds: options.rounds,
    warmupRounds,
    onRound: (round, values) => {
      const parts = [...values].map(([name, v]) => `${name} ${Math.round(v)}`);
      options.progress(`breaker/calls round ${round + 1}/${options.rounds}: ${parts.join(', ')}`);
    },
  });

  const medians: Record<string, number> = {};
  for (const [contender, values] of samples) medians[contender] = Math.round(median(values));
  const leakguard = medians.leakguard as number;
  return {
    suite: 'breaker',
    unit: 'calls/s',
    higherIsBetter: true,
    anchors: ANCHORS,
    rounds: options.rounds,
    warmupRounds,
    scenarios: [{ name: 'calls', description, samples }],
    notes: ANCHORS.map((anchor) => {
      const ratio = leakguard / (medians[anchor] as number);
      return `target leakguard >= ${TARGETS[anchor]}x ${anchor}: ${ratio.toFixed(2)}x, ${ratio >= TARGETS[anchor] ? 'met' : 'MISSED'}`;
    }),
    json: { suite: 'breaker', unit: 'calls/s', calls: medians },
  };
}

/** Every contender: the bare call, leakguard, then the anchors. */
function contenders(calls: number): Contender[] {
  return [
    {
      name: 'direct',
      async setup(): Promise<Trial> {
        return trial('direct', calls, () => fn(), async () => {});
      },
    },
    {
      name: 'leakguard',
      async setup(round): Promise<Trial> {
        const metrics = withMetrics(METRICS.breakerCalls);
        const breaker = createBreaker({ name: `bench-${round}-leakguard`, policy: { consecutive: 5 }, meter: metrics.sink });
        return trial('leakguard', calls, () => breaker.run(fn), async () => {
          await metrics.finish();
          breaker.close();
        });
      },
    },
    {
      name: 'opossum',
      async setup(): Promise<Trial> {
        // Its defaults, as most code runs it: a 10 s timeout per call and rolling stats.
        const breaker = new CircuitBreaker(fn, {});
        return trial('opossum', calls, () => breaker.fire(), async () => breaker.shutdown());
      },
    },
    {
      name: 'cockatiel',
      async setup(): Promise<Trial> {
        const policy = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
        return trial('cockatiel', calls, () => policy.execute(fn), async () => {});
      },
    },
  ];
}

/**
 * The same timed run for every contender: `calls` calls, each awaited before the next (the
 * per-call cost, with nothing to overlap it). Results are summed, and checked after the run,
 * untimed, so a contender that skipped or failed a call fails the benchmark instead of looking fast.
 */
function trial(name: string, calls: number, call: () => Promise<number>, close: () => Promise<void>): Trial {
  let sum = 0;
  return {
    run: async () => {
      for (let i = 0; i < calls; i++) sum += await call();
    },
    teardown: async () => {
      if (sum !== calls) throw new Error(`bench: ${name} returned ${sum} in total over ${calls} calls of async () => 1, expected ${calls}`);
      await close();
    },
  };
}
