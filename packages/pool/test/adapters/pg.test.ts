import { InvalidOptionError } from '@leakguard/core';
import pg from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test/support/services.js';
import { instrumentPgPool } from '../../src/adapters/pg.js';
import { captureLogger, eventually, evictions, poolSamples, sample, sleep, testSink, uniqueName } from '../fixtures/adapters.js';

const PG: PoolConfig = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

/** Connections still open on the server for one application_name. */
async function backendsOf(applicationName: string): Promise<number> {
  const admin = new pg.Client(PG);
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    return rows[0]?.n ?? -1;
  } finally {
    await admin.end();
  }
}

/** A pool whose connections carry a unique application_name, so the server can tell which are ours. */
function testPool(config: PoolConfig = {}): { pool: pg.Pool; applicationName: string } {
  const applicationName = uniqueName('leakguard-pg');
  return { pool: new pg.Pool({ ...PG, application_name: applicationName, ...config }), applicationName };
}

async function end(pool: pg.Pool): Promise<void> {
  if (!pool.ending) await pool.end();
}

describe('instrumentPgPool', () => {
  beforeAll(() => requireService('postgres'));

  it('reports levels at collect time and counts wait, use and create times for connect() and query()', async () => {
    const name = uniqueName('pg-levels');
    const sink = testSink();
    const { pool } = testPool({ max: 3, min: 0 });
    try {
      using _inst = instrumentPgPool(pool, { name, meter: sink });
      const client = await pool.connect();
      expect(await poolSamples(sink, name)).toMatchObject({ used: 1, idle: 0, pending: 0, max: 3, idleMin: 0, waits: 1, creates: 1 });
      const text = await sink.registry.metrics();
      expect(text).toContain(`db_client_connections{db_client_connection_pool_name="${name}",db_client_connection_state="used"} 1`);
      expect(text).toContain(`db_client_connection_max{db_client_connection_pool_name="${name}"} 3`);
      client.release();
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, uses: 1 });

      const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0]?.one).toBe(1);
      // The callback form passes the pool's arguments through, done() included.
      const viaCallback = await new Promise<number>((resolve, reject) => {
        pool.connect((error, c, done) => {
          if (error !== undefined || c === undefined) return reject(error ?? new Error('no client'));
          c.query<{ two: number }>('SELECT 2 AS two').then((r) => {
            done();
            resolve(r.rows[0]?.two ?? -1);
          }, reject);
        });
      });
      expect(viaCallback).toBe(2);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, waits: 3, uses: 3, creates: 1 });
      expect(await sample(sink, 'db_client_connection_wait_time_seconds_count', { db_client_connection_pool_name: name })).toBe(3);
    } finally {
      await end(pool);
    }
  });

  it('counts connectionTimeoutMillis expiries as timeouts and passes the error through unchanged', async () => {
    const name = uniqueName('pg-timeout');
    const sink = testSink();
    const { pool } = testPool({ max: 1, connectionTimeoutMillis: 60 });
    try {
      using _inst = instrumentPgPool(pool, { name, meter: sink });
      const held = await pool.connect();
      const waiting = pool.connect();
      await eventually(async () => expect((await poolSamples(sink, name)).pending).toBe(1));
      await expect(waiting).rejects.toThrow('timeout exceeded when trying to connect');
      const viaCallback = await new Promise<Error | undefined>((resolve) => pool.connect((error) => resolve(error)));
      expect(viaCallback?.message).toBe('timeout exceeded when trying to connect');
      expect(await poolSamples(sink, name)).toMatchObject({ timeouts: 2, pending: 0, used: 1, waits: 1 });
      expect(await sink.registry.metrics()).toContain(`db_client_connection_timeouts_total{db_client_connection_pool_name="${name}"} 2`);
      held.release();
    } finally {
      await end(pool);
    }
  });

  it('recovers when the backend of a leased client is terminated, and leaves no connection behind after end()', async () => {
    const name = uniqueName('pg-kill');
    const sink = testSink();
    const { pool, applicationName } = testPool({ max: 2 });
    const inst = instrumentPgPool(pool, { name, meter: sink });
    try {
      const client = await pool.connect();
      // A leased client has no pool error listener; the application's own keeps a dead socket from throwing.
      const clientErrors: unknown[] = [];
      client.on('error', (e) => clientErrors.push(e));
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      expect(pid).toBeTypeOf('number');
      const sleeping = client.query('SELECT pg_sleep(30)').then(
        () => undefined,
        (e: unknown) => e,
      );
      const killer = new pg.Client(PG);
      await killer.connect();
      try {
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      } finally {
        await killer.end();
      }
      const error = (await sleeping) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/terminat/);
      client.release(error);

      await eventually(async () => expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0, uses: 1 }));
      expect(await evictions(sink, name, 'error')).toBe(1);

      const { rows } = await pool.query<{ ok: number }>('SELECT 1 AS ok');
      expect(rows[0]?.ok).toBe(1);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, waits: 2, uses: 2, creates: 2 });
      expect(await backendsOf(applicationName)).toBe(1);
    } finally {
      inst.close();
      await end(pool);
    }
    // pool.end() resolves when the sockets are closed; the server notices a moment later.
    await eventually(async () => expect(await backendsOf(applicationName)).toBe(0));
    expect(await evictions(sink, name, 'idle')).toBe(0);
  });

  it('counts an idle client whose backend was terminated as an error eviction', async () => {
    const name = uniqueName('pg-idle-killed');
    const sink = testSink();
    const { pool, applicationName } = testPool({ max: 1 });
    // pg-pool emits an idle client's error on the pool; an application must listen, or the process exits.
    const poolErrors: Error[] = [];
    pool.on('error', (e) => void poolErrors.push(e));
    try {
      using _inst = instrumentPgPool(pool, { name, meter: sink });
      const client = await pool.connect();
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      client.release();
      const killer = new pg.Client(PG);
      await killer.connect();
      try {
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      } finally {
        await killer.end();
      }
      await eventually(async () => expect(await evictions(sink, name, 'error')).toBe(1));
      expect(poolErrors).toHaveLength(1);
      expect(await evictions(sink, name, 'idle')).toBe(0);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0 });
      expect((await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok).toBe(1);
    } finally {
      await end(pool);
    }
    await eventually(async () => expect(await backendsOf(applicationName)).toBe(0));
  });

  it('counts idle-timeout, maxUses and verify evictions by reason, and none for end()', async () => {
    const sink = testSink();
    const idleName = uniqueName('pg-idle');
    const idle = testPool({ max: 2, idleTimeoutMillis: 30 });
    const usesName = uniqueName('pg-uses');
    const uses = testPool({ max: 2, maxUses: 1 });
    const verifyName = uniqueName('pg-verify');
    let verified = 0;
    const verify = testPool({
      max: 2,
      // A pg-pool option the types do not declare: checks each new client once.
      ...({ verify: (_client: PoolClient, done: (error?: Error) => void) => done(++verified === 1 ? new Error('not this one') : undefined) } as PoolConfig),
    });
    try {
      using _a = instrumentPgPool(idle.pool, { name: idleName, meter: sink });
      using _b = instrumentPgPool(uses.pool, { name: usesName, meter: sink });
      using _c = instrumentPgPool(verify.pool, { name: verifyName, meter: sink });
      await idle.pool.query('SELECT 1');
      await eventually(async () => expect(await evictions(sink, idleName, 'idle')).toBe(1));
      expect(await poolSamples(sink, idleName)).toMatchObject({ used: 0, idle: 0 });

      await uses.pool.query('SELECT 1');
      await eventually(async () => expect(await evictions(sink, usesName, 'lifetime')).toBe(1));

      await expect(verify.pool.connect()).rejects.toThrow('not this one');
      const ok = await verify.pool.connect();
      ok.release();
      expect(await evictions(sink, verifyName, 'invalid')).toBe(1);
      await verify.pool.end();
      await uses.pool.end();
      for (const n of [idleName, usesName, verifyName]) expect(await evictions(sink, n, 'error')).toBe(0);
      expect(await evictions(sink, verifyName, 'idle')).toBe(0);
    } finally {
      await Promise.all([end(idle.pool), end(uses.pool), end(verify.pool)]);
    }
  });

  it('logs a lease held past leakDetectionThresholdMs with its acquire site, and a second line when it comes back', async () => {
    const name = uniqueName('pg-leak');
    const sink = testSink();
    const { logger, lines } = captureLogger();
    const { pool } = testPool({ max: 1 });
    try {
      using _inst = instrumentPgPool(pool, { name, meter: sink, logger, leakDetectionThresholdMs: 40 });
      const client = await borrowAndForget(pool);
      await eventually(() => expect(lines).toHaveLength(1));
      expect(lines[0]).toContain(`warn: pool "${name}": a lease has been held for more than 40 ms`);
      expect(lines[0]).toContain('borrowAndForget');
      expect(lines[0]).toContain('pg.test.ts');
      expect(await poolSamples(sink, name)).toMatchObject({ leaks: 1 });
      client.release();
      expect(lines[1]).toMatch(new RegExp(`^info: pool "${name}": the lease reported as a possible leak came back after \\d+ ms$`));
      // A lease returned in time is not reported.
      await pool.query('SELECT 1');
      await sleep(60);
      expect(lines).toHaveLength(2);
    } finally {
      await end(pool);
    }
  });

  it('close() puts back the original methods and listeners, stops reporting levels and frees the name', async () => {
    const name = uniqueName('pg-close');
    const sink = testSink();
    const { pool } = testPool({ max: 1 });
    try {
      const internals = pool as unknown as Record<string, unknown>;
      const before = {
        connect: pool.connect,
        remove: internals._remove,
        Client: internals.Client,
        release: pool.listenerCount('release'),
        connectEvents: pool.listenerCount('connect'),
      };
      const inst = instrumentPgPool(pool, { name, meter: sink });
      expect(pool.connect).not.toBe(before.connect);
      expect(internals._remove).not.toBe(before.remove);
      expect(internals.Client).not.toBe(before.Client);
      expect(pool.listenerCount('release')).toBe(before.release + 1);
      expect(() => instrumentPgPool(pool, { name: uniqueName('pg-again'), meter: sink })).toThrow(InvalidOptionError);
      await pool.query('SELECT 1');

      inst.close();
      inst.close();
      expect(inst.closed).toBe(true);
      expect(pool.connect).toBe(before.connect);
      expect(Object.hasOwn(pool, 'connect')).toBe(false);
      expect(internals._remove).toBe(before.remove);
      expect(internals.Client).toBe(before.Client);
      expect(pool.listenerCount('release')).toBe(before.release);
      expect(pool.listenerCount('connect')).toBe(before.connectEvents);
      expect(await sample(sink, 'db_client_connections', { db_client_connection_pool_name: name, db_client_connection_state: 'idle' })).toBeUndefined();
      // Totals stay; the pool still works, unobserved.
      expect(await sample(sink, 'db_client_connection_use_time_seconds_count', { db_client_connection_pool_name: name })).toBe(1);
      await pool.query('SELECT 1');
      expect(await sample(sink, 'db_client_connection_use_time_seconds_count', { db_client_connection_pool_name: name })).toBe(1);

      using again = instrumentPgPool(pool, { name, meter: sink });
      expect(again.name).toBe(name);
    } finally {
      await end(pool);
    }
  });

  it('refuses what is not a pg Pool and invalid options', () => {
    expect(() => instrumentPgPool({} as pg.Pool, { name: 'x' })).toThrow(/expected a pg Pool/);
    const pool = new pg.Pool(PG);
    expect(() => instrumentPgPool(pool, { name: '1 bad' })).toThrow(InvalidOptionError);
    expect(() => instrumentPgPool(pool, { name: uniqueName('pg-bad'), leakDetectionThresholdMs: -1 })).toThrow(/leakDetectionThresholdMs/);
    expect(Object.hasOwn(pool, 'connect')).toBe(false);
    return pool.end();
  });
});

/** Acquires and keeps the client: the frame the leak report must point at. */
async function borrowAndForget(pool: pg.Pool): Promise<PoolClient> {
  return pool.connect();
}
