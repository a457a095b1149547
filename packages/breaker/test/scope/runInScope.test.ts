import { DisposeError, DisposeTimeoutError, InvalidOptionError } from '@leakguard/core';
import { describe, expect, it } from 'vitest';
import { ScopeDisposeError, createScope, runInScope, scoped } from '../../src/scope/index.js';
import { recordingLogger, resource } from '../fixtures/scope-helpers.js';

class NotFoundError extends Error {}

const failing = (name: string, log: string[] = []) => scoped(() => resource(name, log, () => Promise.reject(new Error(`${name} would not close`))), { name });

describe('runInScope', () => {
  it("resolves with fn's result after disposing what fn created; sync functions work too", async () => {
    const log: string[] = [];
    const db = scoped(() => resource('db', log), { name: 'db' });
    expect(
      await runInScope(async () => {
        await db.get();
        expect(log).toEqual([]);
        return 'rows';
      }),
    ).toBe('rows');
    expect(log).toEqual(['db']);
    expect(await runInScope(() => 7)).toBe(7);
  });

  it('rejects with the very error fn threw, after disposing what it created', async () => {
    const log: string[] = [];
    const db = scoped(() => resource('db', log), { name: 'db' });
    const thrown = new NotFoundError('no such user');
    const error = await runInScope(async () => {
      await db.get();
      throw thrown;
    }).catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(Object.hasOwn(thrown, 'suppressed')).toBe(false);
    expect(log).toEqual(['db']);
  });

  it('when fn succeeded but disposal failed, rejects with ScopeDisposeError, an AggregateError naming each instance', async () => {
    const log: string[] = [];
    const ok = scoped(() => resource('ok', log), { name: 'ok' });
    const bad = failing('bad', log);
    const error = (await runInScope(
      async () => {
        await ok.get();
        await bad.get();
        return 'done';
      },
      { name: 'import-batch' },
    ).catch((e: unknown) => e)) as ScopeDisposeError;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error).toBeInstanceOf(ScopeDisposeError);
    expect(error.message).toBe('scope "import-batch": 1 of 2 instances did not dispose cleanly: scoped "bad" failed to dispose: bad would not close');
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toBeInstanceOf(DisposeError);
    expect((error.errors[0]?.cause as Error).message).toBe('bad would not close');
    // The failure did not stop the older instance from being disposed.
    expect(log).toEqual(['bad', 'ok']);
  });

  it("when fn threw and disposal failed, rejects with fn's error carrying the failure as `suppressed`", async () => {
    const bad = failing('bad');
    const thrown = new NotFoundError('no such user');
    const error = await runInScope(async () => {
      await bad.get();
      throw thrown;
    }).catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(error).toBeInstanceOf(NotFoundError);
    const suppressed = (error as { suppressed: ScopeDisposeError }).suppressed;
    expect(suppressed).toBeInstanceOf(ScopeDisposeError);
    expect(suppressed.errors.map((e) => e.resourceName)).toEqual(['bad']);
    // Enumerable, so it shows wherever the error is logged.
    expect(Object.keys(error as object)).toContain('suppressed');
  });

  it('combines the failures of nested scopes that fail while one error passes through them', async () => {
    const inner = failing('inner-conn');
    const outer = failing('outer-conn');
    const thrown = new Error('deadlock');
    const error = await runInScope(
      async () => {
        await outer.get();
        await runInScope(
          async () => {
            await inner.get();
            throw thrown;
          },
          { name: 'inner' },
        );
      },
      { name: 'outer' },
    ).catch((e: unknown) => e);
    expect(error).toBe(thrown);
    const suppressed = (error as { suppressed: ScopeDisposeError }).suppressed;
    expect(suppressed).toMatchObject({ scope: 'outer', scopes: ['inner', 'outer'], instances: 2 });
    expect(suppressed.errors.map((e) => e.resourceName)).toEqual(['inner-conn', 'outer-conn']);
    expect(suppressed.message).toContain('scopes "inner", "outer": 2 of 2 instances did not dispose cleanly');
  });

  it('leaves a foreign `suppressed` alone, and logs what it cannot attach (thrown strings, frozen errors)', async () => {
    const bad = failing('bad');
    const logger = recordingLogger();
    const run = (thrown: unknown) =>
      runInScope(
        async () => {
          await bad.get();
          throw thrown;
        },
        { name: 'job', logger },
      ).catch((e: unknown) => e);

    expect(await run('plain string')).toBe('plain string');
    const frozen = Object.freeze(new Error('frozen'));
    expect(await run(frozen)).toBe(frozen);
    const original = new Error('original');
    const foreign = Object.assign(new Error('disposal of an `await using` resource'), { suppressed: original });
    expect(await run(foreign)).toBe(foreign);
    expect(foreign.suppressed).toBe(original);

    const message = 'disposal failed too (not attached to it): scope "job": 1 of 1 instances did not dispose cleanly: scoped "bad" failed to dispose: bad would not close';
    expect(logger.lines).toEqual([
      `error: scope "job": its function threw "plain string", and ${message}`,
      `error: scope "job": its function threw Error: frozen, and ${message}`,
      `error: scope "job": its function threw Error: disposal of an \`await using\` resource, and ${message}`,
    ]);
  });

  it('settles within timeoutMs when a disposer hangs, on both paths', async () => {
    const hangs = scoped(() => resource('hangs', [], () => new Promise(() => {})), { name: 'hangs' });
    const options = { timeoutMs: 50, logger: recordingLogger() };
    let t0 = performance.now();
    const afterSuccess = (await runInScope(() => hangs.get().then(() => 'ok'), options).catch((e: unknown) => e)) as ScopeDisposeError;
    expect(performance.now() - t0).toBeLessThan(50 + 250);
    expect(afterSuccess.errors[0]).toBeInstanceOf(DisposeTimeoutError);

    const thrown = new Error('handler failed');
    t0 = performance.now();
    const afterThrow = await runInScope(async () => {
      await hangs.get();
      throw thrown;
    }, options).catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(50 + 250);
    expect(afterThrow).toBe(thrown);
    expect((thrown as Error & { suppressed: ScopeDisposeError }).suppressed.errors[0]?.message).toBe('scoped "hangs" had not finished disposing when the 50 ms deadline passed');
  });

  it('rejects on invalid options without running fn', async () => {
    let ran = false;
    await expect(runInScope(() => void (ran = true), { timeoutMs: -5 })).rejects.toThrow(InvalidOptionError);
    expect(ran).toBe(false);
  });

  it('differs from `await using` on purpose: there the language lets the disposal error win', async () => {
    const bad = failing('bad');
    const thrown = new Error('handler failed');
    const error = await (async () => {
      await using scope = createScope();
      await scope.run(() => bad.get());
      throw thrown;
    })().catch((e: unknown) => e);
    // Node 20 has no SuppressedError; the compiled `await using` makes an Error named SuppressedError.
    expect(error).toMatchObject({ name: 'SuppressedError', suppressed: thrown });
    expect((error as { error: unknown }).error).toBeInstanceOf(ScopeDisposeError);
  });
});
