import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openResources } from '@leakguard/core';
import type { ScopeDisposeError } from '../../src/scope/index.js';
import { runInScope, scoped } from '../../src/scope/index.js';
import { recordingLogger } from '../fixtures/scope-helpers.js';

type Disposal = 'ok' | 'syncThrow' | 'reject' | 'slow' | 'hang';

interface InstanceStep {
  readonly kind: 'instance';
  readonly disposal: Disposal;
  readonly ms: number;
  /** How the instance is released: its own asyncDispose or close(), or a dispose option. */
  readonly via: 'asyncDispose' | 'close' | 'option';
  readonly asyncFactory: boolean;
}

interface ScopeStep {
  readonly kind: 'scope';
  readonly steps: readonly Step[];
  readonly outcome: 'return' | 'throw';
  readonly timeoutMs: number;
}

type Step = InstanceStep | ScopeStep;

const instanceStep: fc.Arbitrary<InstanceStep> = fc.record({
  kind: fc.constant('instance' as const),
  disposal: fc.oneof(
    { arbitrary: fc.constant('ok' as const), weight: 4 },
    { arbitrary: fc.constant('syncThrow' as const), weight: 1 },
    { arbitrary: fc.constant('reject' as const), weight: 1 },
    { arbitrary: fc.constant('slow' as const), weight: 2 },
    { arbitrary: fc.constant('hang' as const), weight: 1 },
  ),
  ms: fc.integer({ min: 0, max: 8 }),
  via: fc.constantFrom('asyncDispose' as const, 'close' as const, 'option' as const),
  asyncFactory: fc.boolean(),
});

const { scope: scopeStep } = fc.letrec<{ step: Step; scope: ScopeStep }>((tie) => ({
  step: fc.oneof({ maxDepth: 3, depthIdentifier: 'scope' }, { arbitrary: instanceStep, weight: 3 }, { arbitrary: tie('scope'), weight: 1 }),
  scope: fc.record({
    kind: fc.constant('scope' as const),
    steps: fc.array(tie('step'), { maxLength: 5 }),
    outcome: fc.constantFrom('return' as const, 'throw' as const),
    timeoutMs: fc.integer({ min: 0, max: 30 }),
  }),
}));

const SLACK_MS = 300;

interface Run {
  /** Disposer calls per instance id. */
  readonly calls: Map<number, number>;
  /** Instance ids in the order their disposers were called. */
  readonly disposed: number[];
  nextId: number;
}

function release(step: InstanceStep, id: number, run: Run): unknown {
  run.calls.set(id, (run.calls.get(id) ?? 0) + 1);
  run.disposed.push(id);
  switch (step.disposal) {
    case 'ok':
      return undefined;
    case 'syncThrow':
      throw new Error(`boom ${id}`);
    case 'reject':
      return new Promise((_, reject) => setTimeout(() => reject(new Error(`late boom ${id}`)), step.ms));
    case 'slow':
      return new Promise((resolve) => setTimeout(resolve, step.ms));
    case 'hang':
      return new Promise(() => {});
  }
}

function make(step: InstanceStep, id: number, run: Run): object {
  const dispose = (): unknown => release(step, id, run);
  if (step.via === 'close') return { id, close: dispose };
  // A plain function, not an async one: a synchronous throw stays synchronous.
  if (step.via === 'asyncDispose') return { id, [Symbol.asyncDispose]: dispose };
  return { id };
}

/** Runs `spec` in runInScope and checks what the properties promise. Never rejects with the scope's outcome. */
async function check(spec: ScopeStep, run: Run, depth: number): Promise<void> {
  const created: { id: number; step: InstanceStep }[] = [];
  const thrown = new Error(`thrown at depth ${depth}`);
  const result = { depth };
  let fnSettledAt = 0;

  const outcome = await runInScope(
    async () => {
      for (const step of spec.steps) {
        if (step.kind === 'scope') {
          await check(step, run, depth + 1);
          continue;
        }
        const id = run.nextId++;
        const handle = scoped(
          () => (step.asyncFactory ? Promise.resolve(make(step, id, run)) : make(step, id, run)),
          { name: `i${id}`, ...(step.via === 'option' ? { dispose: () => release(step, id, run) } : {}) },
        );
        const [a, b] = await Promise.all([handle.get(), handle.get()]);
        expect(b).toBe(a);
        created.push({ id, step });
      }
      fnSettledAt = performance.now();
      if (spec.outcome === 'throw') throw thrown;
      return result;
    },
    { timeoutMs: spec.timeoutMs, logger: recordingLogger() },
  ).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

  // Settles within the deadline (plus slack) after fn settles.
  expect(performance.now() - fnSettledAt).toBeLessThan(spec.timeoutMs + SLACK_MS);

  // Every instance created in this scope was disposed exactly once, newest first.
  const ids = created.map((c) => c.id);
  for (const id of ids) expect(run.calls.get(id)).toBe(1);
  const mine = new Set(ids);
  expect(run.disposed.filter((id) => mine.has(id))).toEqual([...ids].reverse());

  // Failures that are certain whatever the timing: synchronous throws and hangs.
  const mustFail = created.filter((c) => c.step.disposal === 'syncThrow' || c.step.disposal === 'hang').map((c) => `i${c.id}`);
  const mayFail = new Set(created.filter((c) => c.step.disposal !== 'ok').map((c) => `i${c.id}`));
  const checkFailure = (failure: ScopeDisposeError | undefined): void => {
    const names = failure?.errors.map((e) => e.resourceName) ?? [];
    for (const name of mustFail) expect(names).toContain(name);
    for (const name of names) expect(mayFail.has(name)).toBe(true);
  };

  if (spec.outcome === 'throw') {
    // fn's own error reaches the caller, with any disposal failure attached.
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toBe(thrown);
    checkFailure((thrown as Error & { suppressed?: ScopeDisposeError }).suppressed);
  } else if (outcome.ok) {
    expect(outcome.value).toBe(result);
    expect(mustFail).toEqual([]);
  } else {
    expect((outcome.error as Error).name).toBe('ScopeDisposeError');
    checkFailure(outcome.error as ScopeDisposeError);
  }
}

describe('scopes (property: random nesting, outcomes and disposers)', () => {
  it('disposes every instance exactly once, newest first, within the deadline, and hands the caller the result or the very error', async () => {
    await fc.assert(
      fc.asyncProperty(scopeStep, async (spec) => {
        const before = openResources().get('scoped') ?? 0;
        await check(spec, { calls: new Map(), disposed: [], nextId: 0 }, 0);
        // Every instance counted in leakguard.resources.open while alive is uncounted once disposed (a hung disposal included).
        expect(openResources().get('scoped') ?? 0).toBe(before);
      }),
      { numRuns: 80 },
    );
  });
});
