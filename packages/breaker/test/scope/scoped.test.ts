import { InvalidOptionError } from '@leakguard/core';
import { describe, expect, it } from 'vitest';
import { NoScopeError, NotDisposableError, createScope, runInScope, scoped } from '../../src/scope/index.js';
import { deferred, resource, sleep } from '../fixtures/scope-helpers.js';

describe('scoped: one instance per scope', () => {
  it('rejects outside any scope with an error saying what to do; peek() is undefined there', async () => {
    const db = scoped(() => resource('db', []), { name: 'db' });
    const error = (await db.get().catch((e: unknown) => e)) as NoScopeError;
    expect(error).toBeInstanceOf(NoScopeError);
    expect(error.code).toBe('LEAKGUARD_NO_SCOPE');
    expect(error.message).toBe(
      'scoped value "db" was asked for outside any scope; call it inside runInScope(fn) or scope.run(fn) (wrap the request or job handler), or use perWorker() for one instance per thread',
    );
    expect(db.peek()).toBeUndefined();
  });

  it('creates one instance per scope, shared by concurrent first uses, and another in another scope', async () => {
    let created = 0;
    const gate = deferred();
    const session = scoped(async () => {
      created++;
      await gate.promise;
      return resource(`session-${created}`, []);
    }, { name: 'session' });
    const inScope = () =>
      runInScope(async () => {
        const all = Promise.all([session.get(), session.get(), sleep(1).then(() => session.get())]);
        await sleep(2);
        gate.resolve();
        const [a, b, c] = await all;
        expect(b).toBe(a);
        expect(c).toBe(a);
        expect(session.peek()).toBe(a);
        return a;
      });
    const [one, two] = await Promise.all([inScope(), inScope()]);
    expect(created).toBe(2);
    expect(one).not.toBe(two);
    expect(one.disposed).toBe(1);
    expect(two.disposed).toBe(1);
  });

  it('looks at the innermost scope only: a nested scope gets its own instance and leaves the outer one alone', async () => {
    const log: string[] = [];
    let n = 0;
    const tx = scoped(() => resource(`tx-${++n}`, log), { name: 'tx' });
    await runInScope(async (outer) => {
      const a = await tx.get();
      const inner = await runInScope(async (scope) => {
        expect(scope).not.toBe(outer);
        expect(tx.peek()).toBeUndefined();
        return tx.get();
      });
      expect(inner).not.toBe(a);
      expect(log).toEqual(['tx-2']);
      expect(await tx.get()).toBe(a);
      expect(a.disposed).toBe(0);
    });
    expect(log).toEqual(['tx-2', 'tx-1']);
  });

  it('passes the scope to the factory and runs it in the scope, so it can use other scoped values', async () => {
    const log: string[] = [];
    const conn = scoped(() => resource('conn', log), { name: 'conn' });
    const repo = scoped(async (scope) => ({ scope: scope.name, conn: await conn.get(), close: () => void log.push('repo') }), { name: 'repo' });
    const seen = await runInScope(async () => (await repo.get()).scope, { name: 'request' });
    expect(seen).toBe('request');
    expect(log).toEqual(['repo', 'conn']);
  });

  it('does not keep a failed creation: the next get() in the scope tries again', async () => {
    let attempts = 0;
    const flaky = scoped(() => {
      if (++attempts === 1) throw new Error('connection refused');
      return resource('flaky', []);
    }, { name: 'flaky' });
    const r = await runInScope(async () => {
      await expect(flaky.get()).rejects.toThrow('connection refused');
      expect(flaky.peek()).toBeUndefined();
      return flaky.get();
    });
    expect(attempts).toBe(2);
    expect(r.disposed).toBe(1);
  });

  it('disposes by the dispose option first, else [Symbol.asyncDispose], [Symbol.dispose], close()', async () => {
    const log: string[] = [];
    const byOption = scoped(() => ({ close: () => log.push('own close') }), {
      name: 'option',
      dispose: (value, context) => {
        expect(context.timeoutMs).toBeGreaterThan(900);
        log.push(`option ${typeof value.close}`);
      },
    });
    const byAsync = scoped(() => ({ async [Symbol.asyncDispose]() { log.push('asyncDispose'); }, [Symbol.dispose]: () => log.push('dispose') }), { name: 'async' });
    const bySync = scoped(() => ({ [Symbol.dispose]: () => void log.push('dispose'), close: () => log.push('sync close') }), { name: 'sync' });
    const byClose = scoped(() => ({ close: async () => void log.push('close') }), { name: 'close' });
    await runInScope(
      async () => {
        await byOption.get();
        await byAsync.get();
        await bySync.get();
        await byClose.get();
      },
      { timeoutMs: 1_000 },
    );
    expect(log).toEqual(['close', 'dispose', 'asyncDispose', 'option function']);
  });

  it('refuses a value it cannot dispose unless a dispose option says how', async () => {
    const plain = scoped(() => ({ hits: 0 }), { name: 'counter' });
    const error = (await runInScope(() => plain.get()).catch((e: unknown) => e)) as NotDisposableError;
    expect(error).toBeInstanceOf(NotDisposableError);
    expect(error.code).toBe('LEAKGUARD_NOT_DISPOSABLE');
    expect(error.message).toBe(
      'scoped value "counter": the factory returned a value with no [Symbol.asyncDispose], [Symbol.dispose] or close(), and no dispose option was given; pass { dispose: (value) => ... } saying how to release it (() => {} if it holds nothing)',
    );
    const held = scoped(() => ({ hits: 0 }), { name: 'counter', dispose: () => {} });
    expect(await runInScope(async () => (await held.get()).hits)).toBe(0);
  });

  it('peek() never creates an instance', async () => {
    let created = 0;
    const lazyOne = scoped(() => resource(`r${++created}`, []));
    await createScope().run(() => expect(lazyOne.peek()).toBeUndefined());
    expect(created).toBe(0);
  });

  it('validates its arguments', () => {
    expect(() => scoped(42 as never)).toThrow('scoped: the first argument must be a factory function creating one instance');
    expect(() => scoped(() => 1, { name: '' })).toThrow(InvalidOptionError);
    expect(() => scoped(() => 1, { name: 'db', dispose: 'close' as never })).toThrow('scoped("db"): dispose must be a function (instance, { timeoutMs }) => ...');
    expect(() => scoped(() => 1, null as never)).toThrow(InvalidOptionError);
  });
});
