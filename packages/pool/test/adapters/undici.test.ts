import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidOptionError } from '@leakguard/core';
import type { PrometheusSink } from '@leakguard/core';
import { Pool, errors } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrumentUndiciPool } from '../../src/adapters/undici.js';
import { eventually, evictions, poolSamples, sample, testSink, uniqueName } from '../fixtures/adapters.js';

/** A local HTTP server whose responses wait until the test calls `answer()`. */
interface HeldServer {
  readonly server: Server;
  readonly port: number;
  readonly origin: string;
  /** Requests received and not answered yet. */
  readonly waiting: number;
  answer(): void;
  close(): Promise<void>;
}

async function heldServer(): Promise<HeldServer> {
  const held: (() => void)[] = [];
  const server = createServer((_req, res) => held.push(() => res.end('ok')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    get waiting() {
      return held.length;
    },
    answer() {
      held.shift()?.();
    },
    close() {
      for (const f of held.splice(0)) f();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function openConnections(sink: PrometheusSink, state: 'active' | 'idle', port: number): Promise<number | undefined> {
  return sample(sink, 'http_client_open_connections', { http_connection_state: state, server_address: '127.0.0.1', server_port: port, url_scheme: 'http' });
}

/** One GET through the pool, body read, so the connection goes back to idle. */
async function get(pool: Pool): Promise<string> {
  const { body } = await pool.request({ path: '/', method: 'GET' });
  return body.text();
}

describe('instrumentUndiciPool', () => {
  let srv: HeldServer;
  const pools: Pool[] = [];
  beforeEach(async () => {
    srv = await heldServer();
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => (p.destroyed ? undefined : p.destroy())));
    await srv.close();
  });
  const pool = (options: Pool.Options = {}, origin = srv.origin): Pool => {
    const p = new Pool(origin, options);
    pools.push(p);
    return p;
  };

  it('reports http.client.open_connections by state and origin, and the pool levels, from pool.stats', async () => {
    const name = uniqueName('undici-levels');
    const sink = testSink();
    const p = pool({ connections: 2 });
    using _inst = instrumentUndiciPool(p, { name, meter: sink });
    expect(await openConnections(sink, 'active', srv.port)).toBe(0);

    const first = get(p);
    await eventually(() => expect(srv.waiting).toBe(1));
    expect(await sink.registry.metrics()).toContain(
      `http_client_open_connections{http_connection_state="active",server_address="127.0.0.1",server_port="${srv.port}",url_scheme="http"} 1`,
    );
    expect(await poolSamples(sink, name)).toMatchObject({ used: 1, idle: 0, max: 2, pending: 0 });

    srv.answer();
    expect(await first).toBe('ok');
    await eventually(async () => expect(await openConnections(sink, 'idle', srv.port)).toBe(1));
    expect(await openConnections(sink, 'active', srv.port)).toBe(0);
    expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1 });

    // Three requests on two connections: one waits for a connection.
    const three = [get(p), get(p), get(p)];
    await eventually(() => expect(srv.waiting).toBe(2));
    expect(await poolSamples(sink, name)).toMatchObject({ used: 2, idle: 0, pending: 1 });
    expect(await openConnections(sink, 'active', srv.port)).toBe(2);
    for (let i = 0; i < 3; i++) {
      await eventually(() => expect(srv.waiting).toBeGreaterThan(0));
      srv.answer();
    }
    expect(await Promise.all(three)).toEqual(['ok', 'ok', 'ok']);
    await eventually(async () => expect(await openConnections(sink, 'idle', srv.port)).toBe(2));
  });

  it('sums pools to the same origin, since open_connections has no pool attribute', async () => {
    const sink = testSink();
    const a = pool();
    const b = pool();
    using _a = instrumentUndiciPool(a, { name: uniqueName('undici-a'), meter: sink });
    const instB = instrumentUndiciPool(b, { name: uniqueName('undici-b'), meter: sink });
    const both = [get(a), get(b)];
    await eventually(() => expect(srv.waiting).toBe(2));
    expect(await openConnections(sink, 'active', srv.port)).toBe(2);
    srv.answer();
    srv.answer();
    await Promise.all(both);
    await eventually(async () => expect(await openConnections(sink, 'idle', srv.port)).toBe(2));
    instB.close();
    expect(await openConnections(sink, 'idle', srv.port)).toBe(1);
  });

  it('counts sockets closed after keepAliveTimeout as idle evictions', async () => {
    const name = uniqueName('undici-idle');
    const sink = testSink();
    // The server advertises keep-alive 5 s; keepAliveMaxTimeout caps what undici keeps.
    const p = pool({ keepAliveTimeout: 60, keepAliveMaxTimeout: 60 });
    using _inst = instrumentUndiciPool(p, { name, meter: sink });
    const response = get(p);
    await eventually(() => expect(srv.waiting).toBe(1));
    srv.answer();
    await response;
    await eventually(async () => expect(await evictions(sink, name, 'idle')).toBe(1));
    expect(await openConnections(sink, 'idle', srv.port)).toBe(0);
    expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0 });
  });

  it('counts connect timeouts, and the request fails with the same error', async () => {
    const name = uniqueName('undici-timeout');
    const sink = testSink();
    // undici's own connector times out after connectTimeout; a connector that reports the same error stands in for a slow network.
    const p = pool({ connect: (_options, callback) => callback(new errors.ConnectTimeoutError(), null) });
    using _inst = instrumentUndiciPool(p, { name, meter: sink });
    await expect(get(p)).rejects.toBeInstanceOf(errors.ConnectTimeoutError);
    expect(await poolSamples(sink, name)).toMatchObject({ timeouts: 1, used: 0, idle: 0 });
    expect(await sink.registry.metrics()).toContain(`db_client_connection_timeouts_total{db_client_connection_pool_name="${name}"} 1`);
  });

  it('close() removes its listeners and stops reporting', async () => {
    const name = uniqueName('undici-close');
    const sink = testSink();
    const p = pool();
    const events = ['connectionError', 'disconnect'];
    const before = events.map((e) => p.listenerCount(e));
    const inst = instrumentUndiciPool(p, { name, meter: sink });
    expect(events.map((e) => p.listenerCount(e))).toEqual(before.map((n) => n + 1));
    const response = get(p);
    await eventually(() => expect(srv.waiting).toBe(1));
    srv.answer();
    await response;
    inst.close();
    inst.close();
    expect(events.map((e) => p.listenerCount(e))).toEqual(before);
    expect(await openConnections(sink, 'idle', srv.port)).toBeUndefined();
    expect(await sample(sink, 'db_client_connections', { db_client_connection_pool_name: name, db_client_connection_state: 'idle' })).toBeUndefined();
  });

  it('takes the origin from options when given, with the scheme default port, and refuses a bad one', async () => {
    const sink = testSink();
    const p = pool();
    using _inst = instrumentUndiciPool(p, { name: uniqueName('undici-origin'), meter: sink, origin: new URL('https://example.test') });
    expect(await sample(sink, 'http_client_open_connections', { http_connection_state: 'idle', server_address: 'example.test', server_port: 443, url_scheme: 'https' })).toBe(0);
    expect(() => instrumentUndiciPool(pool(), { name: uniqueName('undici-bad'), origin: 'not a url' })).toThrow(InvalidOptionError);
    expect(() => instrumentUndiciPool({} as Pool, { name: 'x' })).toThrow(/expected an undici Pool/);
  });
});
