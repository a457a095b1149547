import fc from 'fast-check';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { DisposeError} from '../../src/lifecycle/ResourceRegistry.js';
import { DisposeTimeoutError, ResourceRegistry } from '../../src/lifecycle/ResourceRegistry.js';
import { prometheusSink } from '../../src/sinks/PrometheusSink.js';

type Behaviour = { kind: 'ok' } | { kind: 'syncThrow' } | { kind: 'reject'; afterMs: number } | { kind: 'slow'; afterMs: number } | { kind: 'hang' };

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'ok' as const }), weight: 4 },
  { arbitrary: fc.constant({ kind: 'syncThrow' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reject' as const), afterMs: fc.integer({ min: 0, max: 5 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('slow' as const), afterMs: fc.integer({ min: 0, max: 8 }) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'hang' as const }), weight: 1 },
);

const sink = prometheusSink({ registry: new Registry() });

describe('ResourceRegistry properties (fault injection)', () => {
  it('disposes in reverse order, each at most once, within the deadline, and reports exactly the failures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(behaviour, { maxLength: 12 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 3 }), async (behaviours, timeoutMs, callers) => {
        const registry = new ResourceRegistry({ name: 'prop', meter: sink });
        const started: number[] = [];
        const calls = new Map<number, number>();
        behaviours.forEach((b, i) => {
          registry.register(() => {
            started.push(i);
            calls.set(i, (calls.get(i) ?? 0) + 1);
            switch (b.kind) {
              case 'ok':
                return undefined;
              case 'syncThrow':
                throw new Error(`boom ${i}`);
              case 'reject':
                return new Promise((_, reject) => setTimeout(() => reject(new Error(`late boom ${i}`)), b.afterMs));
              case 'slow':
                return new Promise((resolve) => setTimeout(resolve, b.afterMs));
              case 'hang':
                return new Promise(() => {});
            }
          }, { name: `r${i}` });
        });
        const t0 = performance.now();
        const results = await Promise.allSettled(Array.from({ length: callers }, () => registry.disposeAll({ timeoutMs })));
        const took = performance.now() - t0;
        await registry.close({ timeoutMs: 0 }).catch(() => {});

        // Deadline: the run ends within the deadline plus scheduling slack.
        expect(took).toBeLessThan(timeoutMs + 250);
        // Each resource disposed at most once, and the ones started were started newest first.
        for (const n of calls.values()) expect(n).toBe(1);
        expect(started).toEqual([...started].sort((a, b) => b - a));
        // Every resource was at least started (those past the deadline are started together).
        expect(started.length).toBe(behaviours.length);
        // All callers see the same outcome; failures name real failing/hanging resources.
        const first = results[0];
        for (const r of results) expect(r.status).toBe(first?.status);
        const failures = first?.status === 'rejected' ? ((first.reason as AggregateError).errors as (DisposeError | DisposeTimeoutError)[]) : [];
        const names = failures.map((f) => f.resourceName);
        expect(new Set(names).size).toBe(names.length);
        for (const f of failures) {
          const b = behaviours[Number(f.resourceName.slice(1))] as Behaviour;
          if (f instanceof DisposeTimeoutError) expect(['hang', 'slow', 'reject']).toContain(b.kind);
          else expect(['syncThrow', 'reject']).toContain(b.kind);
        }
        // Synchronous failures and hangs are always reported.
        behaviours.forEach((b, i) => {
          if (b.kind === 'syncThrow' || b.kind === 'hang') expect(names).toContain(`r${i}`);
        });
      }),
      { numRuns: 60 },
    );
  });
});
