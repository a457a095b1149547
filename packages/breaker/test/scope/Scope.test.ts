import { DisposeError, DisposeTimeoutError, InvalidOptionError } from '@leakguard/core';
import { describe, expect, it } from 'vitest';
import { ScopeClosedError, ScopeDisposeError, createScope, currentScope, scoped } from '../../src/scope/index.js';
import { deferred, recordingLogger, resource, sleep } from '../fixtures/scope-helpers.js';

describe('createScope', () => {
  it('works with `await using`: instances live across run() calls and are disposed when the block ends', async () => {
    const log: string[] = [];
    const db = scoped(() => resource('db', log), { name: 'db' });
    let outside: ReturnType<typeof createScope> | undefined;
    {
      await using scope = createScope({ name: 'job' });
      outside = scope;
      const first = await scope.run(() => db.get());
      const second = await scope.run(async (s) => {
        expect(s).toBe(scope);
        expect(currentScope()).toBe(scope);
        return db.get();
      });
      expect(second).toBe(first);
      expect(scope.size).toBe(1);
      expect(scope.state).toBe('open');
      expect(log).toEqual([]);
    }
    expect(log).toEqual(['db']);
    expect(outside.state).toBe('closed');
    expect(outside.size).toBe(0);
    expect(currentScope()).toBeUndefined();
  });

  it('disposes newest first, so an instance is disposed before the ones its factory used', async () => {
    const log: string[] = [];
    const pool = scoped(() => resource('pool', log), { name: 'pool' });
    const tx = scoped(async () => {
      await pool.get();
      return resource('tx', log);
    }, { name: 'tx' });
    const cache = scoped(() => resource('cache', log), { name: 'cache' });
    const scope = createScope();
    await scope.run(async () => {
      await cache.get();
      await tx.get();
    });
    await scope.close();
    // Created: cache, pool (inside tx's factory), tx.
    expect(log).toEqual(['tx', 'pool', 'cache']);
  });

  it('close() is idempotent and the scope refuses to run or create anything once it is closing', async () => {
    const log: string[] = [];
    const gate = deferred();
    const slow = scoped(() => resource('slow', log, () => gate.promise), { name: 'slow' });
    const other = scoped(() => resource('other', log), { name: 'other' });
    const scope = createScope({ name: 'req' });
    let detached: Promise<unknown> | undefined;
    await scope.run(async () => {
      await slow.get();
      // Work the function started but did not await, still running in the scope's context.
      detached = sleep(5).then(() => other.get());
    });
    const closing = scope.close();
    expect(scope.close()).toBe(closing);
    expect(scope.state).toBe('closing');
    await expect(scope.run(() => 1)).rejects.toThrow(ScopeClosedError);
    const error = (await detached?.catch((e: unknown) => e)) as ScopeClosedError;
    expect(error).toBeInstanceOf(ScopeClosedError);
    expect(error.code).toBe('LEAKGUARD_SCOPE_CLOSED');
    expect(error.message).toBe('scope "req" has ended; scoped value "other" is not created or handed out in it any more. Await all work that uses the scope inside its function');
    gate.resolve();
    await closing;
    expect(log).toEqual(['slow']);
    expect(scope.state).toBe('closed');
  });

  it('waits for a factory still running when the scope closes, then disposes what it made; its callers get ScopeClosedError', async () => {
    const log: string[] = [];
    const made = deferred();
    const conn = scoped(async () => {
      await made.promise;
      return resource('conn', log);
    }, { name: 'conn' });
    const scope = createScope();
    let pending: Promise<unknown> | undefined;
    await scope.run(() => {
      pending = conn.get();
    });
    const closing = scope.close();
    made.resolve();
    await closing;
    expect(log).toEqual(['conn']);
    await expect(pending).rejects.toThrow(ScopeClosedError);
  });

  it('never waits past timeoutMs: a hanging disposer is reported as timed out, and older instances are still disposed', async () => {
    const log: string[] = [];
    const logger = recordingLogger();
    const first = scoped(() => resource('first', log), { name: 'first' });
    const hangs = scoped(() => resource('hangs', log, () => new Promise(() => {})), { name: 'hangs' });
    const fails = scoped(() => resource('fails', log, () => Promise.reject(new Error('socket reset'))), { name: 'fails' });
    const scope = createScope({ name: 'job', timeoutMs: 40, logger });
    await scope.run(async () => {
      await first.get();
      await hangs.get();
      await fails.get();
    });
    const t0 = performance.now();
    const error = (await scope.close().catch((e: unknown) => e)) as ScopeDisposeError;
    expect(performance.now() - t0).toBeLessThan(40 + 250);
    expect(error).toBeInstanceOf(ScopeDisposeError);
    expect(error).toBeInstanceOf(AggregateError);
    expect(error).toMatchObject({ code: 'LEAKGUARD_SCOPE_DISPOSE_FAILED', scope: 'job', scopes: ['job'], instances: 3 });
    expect(error.errors.map((e) => [e.constructor, e.resourceName])).toEqual([
      [DisposeError, 'fails'],
      [DisposeTimeoutError, 'hangs'],
    ]);
    expect(error.message).toBe(
      'scope "job": 2 of 3 instances did not dispose cleanly: scoped "fails" failed to dispose: socket reset; scoped "hangs" had not finished disposing when the 40 ms deadline passed',
    );
    expect(log).toEqual(['fails', 'hangs', 'first']);
  });

  it('reports a disposal that fails after the deadline to the logger', async () => {
    const logger = recordingLogger();
    const late = deferred();
    const slow = scoped(() => resource('slow', [], () => late.promise), { name: 'slow' });
    const scope = createScope({ timeoutMs: 10, logger });
    await scope.run(() => slow.get());
    await expect(scope.close()).rejects.toThrow(ScopeDisposeError);
    late.reject(new Error('too late'));
    await sleep(1);
    expect(logger.lines).toEqual(['error: scoped "slow" failed to dispose after its deadline had passed: too late']);
  });

  it('validates its options', () => {
    expect(() => createScope({ timeoutMs: -1 })).toThrow(InvalidOptionError);
    expect(() => createScope({ timeoutMs: 1.5 })).toThrow('createScope("scope"): timeoutMs must be an integer between 0 and 2147483647, got 1.5');
    expect(() => createScope({ name: 'has space' })).toThrow(InvalidOptionError);
    expect(() => createScope(null as never)).toThrow(InvalidOptionError);
  });

  it('run() rejects when not given a function', async () => {
    await expect(createScope().run(42 as never)).rejects.toThrow(InvalidOptionError);
  });
});
