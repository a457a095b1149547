import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lazy, singleflight } from '../../src/lifecycle/singleflight.js';

describe('lazy/singleflight properties (racing callers, failing inits)', () => {
  it('lazy: never two inits at once, a failure is retried, success is final and shared', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 30 }),
        fc.scheduler(),
        async (failPlan, callerDelays, s) => {
          let inits = 0;
          let concurrent = 0;
          let maxConcurrent = 0;
          const value = lazy(async () => {
            const attempt = inits++;
            concurrent++;
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            try {
              await s.schedule(Promise.resolve(), `init ${attempt}`);
              if (failPlan[attempt] === true) throw new Error(`init ${attempt} failed`);
              return { attempt };
            } finally {
              concurrent--;
            }
          });
          const results = callerDelays.map((d, i) => s.schedule(Promise.resolve(d), `caller ${i}`).then(() => value.get()));
          const settled = await s.waitFor(Promise.allSettled(results));
          expect(maxConcurrent).toBe(1);
          const successes = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
          // Every caller that succeeded got the same object.
          expect(new Set(successes).size).toBeLessThanOrEqual(1);
          // Inits = failures + (1 if one succeeded); no init runs after a success.
          const failures = Array.from({ length: inits }, (_, i) => failPlan[i] === true).filter(Boolean).length;
          expect(inits).toBe(failures + (successes.length > 0 ? 1 : 0));
          if (successes.length > 0) {
            expect(await value.get()).toBe(successes[0]);
            expect(inits).toBe(failures + 1);
          } else {
            // Every caller failed: the failure is not cached, the next caller starts a new init.
            const before = inits;
            await s.waitFor(value.get().catch(() => undefined));
            expect(inits).toBe(before + 1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('singleflight: at most one run per key at a time, every caller settles with its run’s result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), fail: fc.boolean() }), { minLength: 1, maxLength: 25 }), fc.scheduler(), async (calls, s) => {
        const sf = singleflight<string, string>();
        const active = new Map<string, number>();
        let violations = 0;
        let runId = 0;
        const promises = calls.map((c, i) =>
          s.schedule(Promise.resolve(), `call ${i}`).then(() =>
            sf.run(c.key, async () => {
              const id = `${c.key}#${runId++}`;
              active.set(c.key, (active.get(c.key) ?? 0) + 1);
              if ((active.get(c.key) ?? 0) > 1) violations++;
              await s.schedule(Promise.resolve(), `work ${id}`);
              active.set(c.key, (active.get(c.key) ?? 0) - 1);
              if (c.fail) throw new Error(id);
              return id;
            }),
          ),
        );
        const settled = await s.waitFor(Promise.allSettled(promises));
        expect(violations).toBe(0);
        expect(settled).toHaveLength(calls.length);
        settled.forEach((r, i) => {
          const key = (calls[i] as { key: string }).key;
          const id = r.status === 'fulfilled' ? r.value : (r.reason as Error).message;
          expect(id.startsWith(`${key}#`)).toBe(true);
        });
        expect(sf.size).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
