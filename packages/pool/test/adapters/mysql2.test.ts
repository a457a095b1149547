import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { InvalidOptionError } from '@leakguard/core';
import mysql from 'mysql2';
import type { PoolConnection as CallbackConnection, PoolOptions } from 'mysql2';
import mysqlPromise from 'mysql2/promise';
import type { PoolConnection } from 'mysql2/promise';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test/support/services.js';
import { instrumentMysql2Pool } from '../../src/adapters/mysql2.js';
import { captureLogger, eventually, evictions, poolSamples, sample, sleep, testSink, uniqueName } from '../fixtures/adapters.js';

const MARIADB: PoolOptions = { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' };

/** How many of `ids` (connection ids, mysql2's threadId) the server still lists. */
async function stillOpen(ids: Iterable<number>): Promise<number> {
  const list = [...ids];
  if (list.length === 0) return 0;
  const admin = await mysqlPromise.createConnection(MARIADB);
  try {
    const [rows] = await admin.query<mysqlPromise.RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID IN (?)', [list]);
    return Number(rows[0]?.n);
  } finally {
    await admin.end();
  }
}

/** Connection ids of every connection the pool opens, from its `connection` event. */
function trackIds(pool: { on(event: 'connection', listener: (c: { threadId: number | null }) => void): unknown }): Set<number> {
  const ids = new Set<number>();
  pool.on('connection', (c) => {
    if (c.threadId !== null) ids.add(c.threadId);
  });
  return ids;
}

function endCallbackPool(pool: mysql.Pool): Promise<void> {
  return new Promise((resolve, reject) => pool.end((error) => (error ? reject(error) : resolve())));
}

describe('instrumentMysql2Pool', () => {
  beforeAll(() => requireService('mariadb'));

  it('instruments the promise pool: levels, wait, use and create times through getConnection() and query()', async () => {
    const name = uniqueName('mysql-promise');
    const sink = testSink();
    const pool = mysqlPromise.createPool({ ...MARIADB, connectionLimit: 3, maxIdle: 2 });
    try {
      using _inst = instrumentMysql2Pool(pool, { name, meter: sink });
      const conn = await pool.getConnection();
      expect(await poolSamples(sink, name)).toMatchObject({ used: 1, idle: 0, pending: 0, max: 3, idleMax: 2, waits: 1, creates: 1 });
      expect(await sink.registry.metrics()).toContain(`db_client_connections{db_client_connection_pool_name="${name}",db_client_connection_state="used"} 1`);
      conn.release();
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, uses: 1 });
      const [rows] = await pool.query<mysqlPromise.RowDataPacket[]>('SELECT 1 AS one');
      expect(rows[0]?.one).toBe(1);
      const [executed] = await pool.execute<mysqlPromise.RowDataPacket[]>('SELECT ? AS two', [2]);
      expect(executed[0]?.two).toBe(2);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, waits: 3, uses: 3, creates: 1, idleMin: undefined });
    } finally {
      await pool.end();
    }
  });

  it('instruments the callback pool, and a waiter served by a released connection counts as one acquire', async () => {
    const name = uniqueName('mysql-callback');
    const sink = testSink();
    const pool = mysql.createPool({ ...MARIADB, connectionLimit: 1 });
    const get = (): Promise<CallbackConnection> => new Promise((resolve, reject) => pool.getConnection((error, c) => (error ? reject(error) : resolve(c))));
    try {
      using _inst = instrumentMysql2Pool(pool, { name, meter: sink });
      const first = await get();
      const second = get();
      await eventually(async () => expect((await poolSamples(sink, name)).pending).toBe(1));
      first.release();
      const again = await second;
      expect(again).toBe(first);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 1, idle: 0, pending: 0, waits: 2, uses: 1 });
      again.release();
      const value = await new Promise<unknown>((resolve, reject) =>
        pool.query<mysql.RowDataPacket[]>('SELECT 3 AS three', (error, rows) => (error ? reject(error) : resolve(rows[0]?.three))),
      );
      expect(value).toBe(3);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, waits: 3, uses: 3, creates: 1, max: 1 });
    } finally {
      await endCallbackPool(pool);
    }
  });

  it('recovers when the server kills a leased connection, and leaves no connection behind after end()', async () => {
    const name = uniqueName('mysql-kill');
    const sink = testSink();
    const pool = mysqlPromise.createPool({ ...MARIADB, connectionLimit: 2 });
    const ids = trackIds(pool);
    const inst = instrumentMysql2Pool(pool, { name, meter: sink });
    try {
      const conn = await pool.getConnection();
      const [[row]] = await conn.query<mysqlPromise.RowDataPacket[]>('SELECT CONNECTION_ID() AS id');
      const id = Number(row?.id);
      expect(ids.has(id)).toBe(true);
      const sleeping = conn.query('SELECT SLEEP(30)').then(
        () => undefined,
        (e: unknown) => e,
      );
      const killer = await mysqlPromise.createConnection(MARIADB);
      try {
        await killer.query(`KILL ${id}`);
      } finally {
        await killer.end();
      }
      const error = (await sleeping) as Error & { code?: string };
      expect(error).toBeInstanceOf(Error);
      // The server drops the socket; mysql2 removes the connection from the pool on its own.
      await eventually(async () => expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0, uses: 1 }));
      expect(await evictions(sink, name, 'error')).toBe(1);
      conn.release(); // a no-op for a connection the pool already dropped

      const [rows] = await pool.query<mysqlPromise.RowDataPacket[]>('SELECT 1 AS ok');
      expect(rows[0]?.ok).toBe(1);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, waits: 2, uses: 2, creates: 2 });
      expect(ids.size).toBe(2);
      expect(await stillOpen(ids)).toBe(1);
    } finally {
      inst.close();
      await pool.end();
    }
    await eventually(async () => expect(await stillOpen(ids)).toBe(0));
    expect(await evictions(sink, name, 'idle')).toBe(0);
  });

  it('counts idle evictions (idleTimeout, maxIdle) and none for end()', async () => {
    const name = uniqueName('mysql-idle');
    const sink = testSink();
    const pool = mysqlPromise.createPool({ ...MARIADB, connectionLimit: 2, maxIdle: 0, idleTimeout: 50 });
    try {
      using _inst = instrumentMysql2Pool(pool, { name, meter: sink });
      const a = await pool.getConnection();
      const b = await pool.getConnection();
      a.release();
      b.release();
      // mysql2 sweeps idle connections once a second.
      await eventually(async () => expect(await evictions(sink, name, 'idle')).toBe(2), 4000);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0, idleMax: 0 });
      await pool.query('SELECT 1');
    } finally {
      await pool.end();
    }
    expect(await evictions(sink, name, 'error')).toBe(0);
  });

  it('counts a destroyed lease as an error eviction', async () => {
    const name = uniqueName('mysql-destroy');
    const sink = testSink();
    const pool = mysqlPromise.createPool({ ...MARIADB, connectionLimit: 1 });
    try {
      using _inst = instrumentMysql2Pool(pool, { name, meter: sink });
      const conn = await pool.getConnection();
      conn.destroy();
      expect(await evictions(sink, name, 'error')).toBe(1);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0, uses: 1 });
    } finally {
      await pool.end();
    }
  });

  it('counts an idle connection the server dropped as an error eviction, not an idle one', async () => {
    const name = uniqueName('mysql-idle-killed');
    const sink = testSink();
    const pool = mysqlPromise.createPool({ ...MARIADB, connectionLimit: 1 });
    try {
      using _inst = instrumentMysql2Pool(pool, { name, meter: sink });
      const conn = await pool.getConnection();
      const [[row]] = await conn.query<mysqlPromise.RowDataPacket[]>('SELECT CONNECTION_ID() AS id');
      conn.release();
      const killer = await mysqlPromise.createConnection(MARIADB);
      try {
        await killer.query(`KILL ${Number(row?.id)}`);
      } finally {
        await killer.end();
      }
      await eventually(async () => expect(await evictions(sink, name, 'error')).toBe(1));
      expect(await evictions(sink, name, 'idle')).toBe(0);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0 });
      const [rows] = await pool.query<mysqlPromise.RowDataPacket[]>('SELECT 1 AS ok');
      expect(rows[0]?.ok).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('counts connectTimeout expiries while opening a connection as timeouts, error unchanged', async () => {
    // A server that accepts and never says hello: the handshake never starts.
    const sockets = new Set<Socket>();
    const silent = createServer((s) => void sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const name = uniqueName('mysql-timeout');
    const sink = testSink();
    const pool = mysqlPromise.createPool({ host: '127.0.0.1', port: (silent.address() as AddressInfo).port, user: 'root', connectTimeout: 80, connectionLimit: 1 });
    try {
      using _inst = instrumentMysql2Pool(pool, { name, meter: sink });
      const error = (await pool.getConnection().catch((e: unknown) => e)) as Error & { code?: string };
      expect(error.code).toBe('ETIMEDOUT');
      expect(error.message).toBe('connect ETIMEDOUT');
      expect(await poolSamples(sink, name)).toMatchObject({ timeouts: 1, waits: 0, used: 0, idle: 0, creates: 0 });
      expect(await evictions(sink, name, 'error')).toBe(0);
    } finally {
      await pool.end();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('logs a lease held past leakDetectionThresholdMs with its acquire site, and a second line when it comes back', async () => {
    const name = uniqueName('mysql-leak');
    const sink = testSink();
    const { logger, lines } = captureLogger();
    const pool = mysqlPromise.createPool({ ...MARIADB, connectionLimit: 1 });
    try {
      using _inst = instrumentMysql2Pool(pool, { name, meter: sink, logger, leakDetectionThresholdMs: 40 });
      const conn = await borrowAndForget(pool);
      await eventually(() => expect(lines).toHaveLength(1));
      expect(lines[0]).toContain(`warn: pool "${name}": a lease has been held for more than 40 ms`);
      expect(lines[0]).toContain('borrowAndForget');
      expect(lines[0]).toContain('mysql2.test.ts');
      expect(await poolSamples(sink, name)).toMatchObject({ leaks: 1 });
      conn.release();
      expect(lines[1]).toMatch(new RegExp(`^info: pool "${name}": the lease reported as a possible leak came back after \\d+ ms$`));
      await pool.query('SELECT 1');
      await sleep(60);
      expect(lines).toHaveLength(2);
    } finally {
      await pool.end();
    }
  });

  it('close() puts back the original methods and listeners and stops reporting levels', async () => {
    const name = uniqueName('mysql-close');
    const sink = testSink();
    const pool = mysqlPromise.createPool({ ...MARIADB, connectionLimit: 1 });
    const core = pool.pool as unknown as Record<string, unknown> & mysql.Pool;
    try {
      const before = {
        getConnection: core.getConnection,
        releaseConnection: core.releaseConnection,
        removeConnection: core._removeConnection,
        connection: core.listenerCount('connection'),
      };
      const inst = instrumentMysql2Pool(pool, { name, meter: sink });
      expect(core.getConnection).not.toBe(before.getConnection);
      expect(core.listenerCount('connection')).toBe(before.connection + 1);
      // The promise pool and its core pool are one pool.
      expect(() => instrumentMysql2Pool(core, { name: uniqueName('mysql-again') })).toThrow(InvalidOptionError);
      await pool.query('SELECT 1');
      inst.close();
      inst.close();
      expect(core.getConnection).toBe(before.getConnection);
      expect(core.releaseConnection).toBe(before.releaseConnection);
      expect(core._removeConnection).toBe(before.removeConnection);
      for (const key of ['getConnection', 'releaseConnection', '_removeConnection']) expect(Object.hasOwn(core, key)).toBe(false);
      expect(core.listenerCount('connection')).toBe(before.connection);
      expect(await sample(sink, 'db_client_connections', { db_client_connection_pool_name: name, db_client_connection_state: 'idle' })).toBeUndefined();
      await pool.query('SELECT 1');
      expect(await sample(sink, 'db_client_connection_wait_time_seconds_count', { db_client_connection_pool_name: name })).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('refuses what is not a mysql2 pool', () => {
    expect(() => instrumentMysql2Pool({} as mysql.Pool, { name: 'x' })).toThrow(/expected a pool from mysql2.createPool/);
  });
});

/** Acquires and keeps the connection: the frame the leak report must point at. */
async function borrowAndForget(pool: mysqlPromise.Pool): Promise<PoolConnection> {
  return pool.getConnection();
}
