import fc from 'fast-check';
import { Registry } from 'prom-client';
import { prometheusSink } from '@leakguard/core';
import { describe, expect, it } from 'vitest';
import type { BreakerPolicy } from '../src/index.js';
import { BreakerOpenError, createBreaker } from '../src/index.js';

/**
 * The breaker against a small reference model: random call outcomes and clock advances, one
 * call at a time. After every step, the call's result (ok, error, refused) and the state read
 * from the breaker must be the model's.
 */
type Step = { kind: 'call'; fails: boolean } | { kind: 'advance'; ms: number } | { kind: 'read' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('call' as const), fails: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 700 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'read' as const }) },
);

const policy: fc.Arbitrary<BreakerPolicy> = fc.oneof(
  fc.record({ consecutive: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ errorRate: fc.constantFrom(0.25, 0.5, 1), minCalls: fc.integer({ min: 1, max: 5 }), windowMs: fc.constantFrom(100, 1_000) }),
);

type State = 'closed' | 'open' | 'half_open';

/** The reference: the rules of the issue, written plainly. */
class Model {
  state: State = 'closed';
  openedAt = 0;
  consecutive = 0;
  /** errorRate policy: calls per ten-bucket window, by bucket number. */
  buckets = new Map<number, { calls: number; failures: number }>();

  constructor(
    readonly policy: BreakerPolicy,
    readonly resetMs: number,
  ) {}

  read(now: number): State {
    if (this.state === 'open' && now >= this.openedAt + this.resetMs) this.state = 'half_open';
    return this.state;
  }

  call(now: number, fails: boolean): 'ok' | 'error' | 'refused' {
    const s = this.read(now);
    if (s === 'open') return 'refused';
    if (s === 'half_open') {
      if (fails) {
        this.state = 'open';
        this.openedAt = now;
      } else {
        this.state = 'closed';
        this.consecutive = 0;
        this.buckets.clear();
      }
      return fails ? 'error' : 'ok';
    }
    if ('consecutive' in this.policy) {
      this.consecutive = fails ? this.consecutive + 1 : 0;
      if (this.consecutive >= this.policy.consecutive) this.open(now);
    } else {
      const bucketMs = (this.policy.windowMs ?? 10_000) / 10;
      const id = Math.floor(now / bucketMs);
      const b = this.buckets.get(id) ?? { calls: 0, failures: 0 };
      b.calls++;
      if (fails) b.failures++;
      this.buckets.set(id, b);
      if (fails) {
        let calls = 0;
        let failures = 0;
        for (const [bid, v] of this.buckets) {
          if (bid > id - 10 && bid <= id) {
            calls += v.calls;
            failures += v.failures;
          }
        }
        if (calls >= (this.policy.minCalls ?? 10) && failures / calls >= this.policy.errorRate) this.open(now);
      }
    }
    return fails ? 'error' : 'ok';
  }

  open(now: number): void {
    this.state = 'open';
    this.openedAt = now;
    this.consecutive = 0;
    this.buckets.clear();
  }
}

describe('createBreaker state machine against a reference model', () => {
  it('agrees on every result and every state over random outcomes and clock advances', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(policy, fc.integer({ min: 1, max: 1_500 }), fc.array(step, { minLength: 1, maxLength: 60 }), async (p, resetMs, steps) => {
        let now = 5_000_000;
        const b = createBreaker({ name: `model-${++run}`, policy: p, resetTimeoutMs: resetMs, clock: () => now, meter: prometheusSink({ registry: new Registry() }) });
        const model = new Model(p, resetMs);
        try {
          for (const s of steps) {
            if (s.kind === 'advance') now += s.ms;
            else if (s.kind === 'read') expect(b.state).toBe(model.read(now));
            else {
              const expected = model.call(now, s.fails);
              const got = await b.run(() => (s.fails ? Promise.reject(new Error('down')) : Promise.resolve(1))).then(
                () => 'ok',
                (e: unknown) => (e instanceof BreakerOpenError ? 'refused' : 'error'),
              );
              expect(got).toBe(expected);
              expect(b.state).toBe(model.read(now));
            }
          }
        } finally {
          b.close();
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
