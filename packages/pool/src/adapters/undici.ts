import type { Pool } from 'undici';
import type { Attributes, MetricSink, Observation } from '@leakguard/core';
import { InvalidOptionError, METRICS, resolveMetricSink } from '@leakguard/core';
import type { AdapterOptions, PoolInstrumentation } from './AdapterOptions.js';
import { Instrumentation } from './Instrumentation.js';

/** Options of instrumentUndiciPool: the shared ones, and where the pool connects. */
export interface UndiciAdapterOptions extends AdapterOptions {
  /**
   * The origin the pool was created with (`new Pool(origin)`), for the server.address,
   * server.port and url.scheme attributes. Default: read from the pool (undici keeps it
   * under an internal symbol); pass it if that ever fails.
   */
  readonly origin?: string | URL;
}

/** The http.client.open_connections attributes of one origin, and a reading of its connections. */
interface OpenConnectionsSource {
  readonly active: Attributes;
  readonly idle: Attributes;
  read(): { readonly active: number; readonly idle: number };
}

/**
 * One observation per sink for every instrumented undici pool: http.client.open_connections has
 * no pool-name attribute, so two pools to one origin must be summed, not reported twice.
 */
const openConnections = new WeakMap<MetricSink, { readonly sources: Set<OpenConnectionsSource>; readonly observation: Observation }>();

function reportOpenConnections(sink: MetricSink, source: OpenConnectionsSource): () => void {
  let entry = openConnections.get(sink);
  if (entry === undefined) {
    const sources = new Set<OpenConnectionsSource>();
    const observation = sink.observe(METRICS.httpClientOpenConnections, (observe) => {
      const totals = new Map<string, { attributes: Attributes; value: number }>();
      const add = (attributes: Attributes, value: number): void => {
        const key = JSON.stringify(attributes);
        const total = totals.get(key);
        if (total === undefined) totals.set(key, { attributes, value });
        else total.value += value;
      };
      for (const s of sources) {
        const { active, idle } = s.read();
        add(s.active, active);
        add(s.idle, idle);
      }
      for (const { attributes, value } of totals.values()) observe(value, attributes);
    });
    entry = { sources, observation };
    openConnections.set(sink, entry);
  }
  const { sources, observation } = entry;
  sources.add(source);
  return () => {
    sources.delete(source);
    if (sources.size === 0 && openConnections.get(sink)?.observation === observation) {
      observation.unregister();
      openConnections.delete(sink);
    }
  };
}

/**
 * Instruments an undici 7 `Pool` (one origin) without changing what it does.
 *
 * - `http.client.open_connections{http.connection.state=active|idle, server.address,
 *   server.port, url.scheme}` from `pool.stats` (active = `connected - free`, idle = `free`)
 *   and the pool's origin, summed over instrumented pools to the same origin.
 * - The db.client.connection.* levels for the pool's name: used/idle as above, pending
 *   (`stats.pending`: requests not yet on a socket), max (the `connections` option, read
 *   from the pool; unlimited → not reported).
 * - Timeouts: `connectionError` events with UND_ERR_CONNECT_TIMEOUT (`connectTimeout`).
 * - Evictions `idle`: `disconnect` events for sockets undici closed after `keepAliveTimeout`.
 *
 * undici has no acquire/release (a request borrows a connection inside `dispatch`), so
 * wait_time, use_time, create_time and acquire-site leak detection do not apply;
 * `leakDetectionThresholdMs` is accepted and has nothing to watch. `close()` removes the
 * listeners and stops reporting. Types only are imported from undici.
 */
export function instrumentUndiciPool(pool: Pool, options: UndiciAdapterOptions): PoolInstrumentation {
  const where = 'instrumentUndiciPool';
  if (!isUndiciPool(pool)) {
    throw new InvalidOptionError(`${where}: expected an undici Pool (new Pool(origin) from undici 7), got something without stats and on()`);
  }
  const origin = originOf(where, pool, options?.origin);
  const connections = internal(pool, 'connections');
  const inst = new Instrumentation(where, pool, options, () => {
    const s = pool.stats;
    return {
      used: s.connected - s.free,
      idle: s.free,
      pending: s.pending,
      max: typeof connections === 'number' && connections > 0 ? connections : undefined,
    };
  });
  return inst.install(({ metrics }) => {
    const server = serverAttributes(origin);
    inst.onClose(
      reportOpenConnections(resolveMetricSink(options.meter), {
        active: { 'http.connection.state': 'active', ...server },
        idle: { 'http.connection.state': 'idle', ...server },
        read: () => {
          const s = pool.stats;
          return { active: s.connected - s.free, idle: s.free };
        },
      }),
    );

    inst.listen(pool, 'connectionError', (_origin: unknown, _targets: unknown, error: unknown) =>
      inst.guard('a connection error', () => {
        if ((error as { code?: unknown } | null)?.code === 'UND_ERR_CONNECT_TIMEOUT') metrics.timeouts.add(1);
      }),
    );
    inst.listen(pool, 'disconnect', (_origin: unknown, _targets: unknown, error: unknown) =>
      inst.guard('a disconnect', () => {
        const e = error as { code?: unknown; message?: unknown } | null;
        // client-h1 destroys a socket idle past keepAliveTimeout with this InformationalError.
        if (e?.code === 'UND_ERR_INFO' && e.message === 'socket idle timeout') metrics.evicted('idle');
      }),
    );

  });
}

/** server.address (IPv6 without brackets), server.port (the scheme's default when absent) and url.scheme. */
function serverAttributes(origin: URL): Attributes {
  const scheme = origin.protocol.replace(/:$/, '');
  const port = origin.port === '' ? (scheme === 'https' ? 443 : 80) : Number(origin.port);
  const attributes: Record<string, string | number> = { 'server.address': origin.hostname.replace(/^\[(.*)\]$/, '$1'), 'server.port': port };
  // url.scheme is a closed set in the catalog (http, https).
  if (scheme === 'http' || scheme === 'https') attributes['url.scheme'] = scheme;
  return attributes;
}

function originOf(where: string, pool: Pool, given: string | URL | undefined): URL {
  const value = given ?? internal(pool, 'url');
  try {
    if (value instanceof URL) return value;
    if (typeof value === 'string') return new URL(value);
  } catch (error) {
    throw new InvalidOptionError(`${where}: origin must be a URL such as "http://127.0.0.1:8080", got ${JSON.stringify(String(value))} (${error instanceof Error ? error.message : String(error)})`);
  }
  throw new InvalidOptionError(`${where}: could not read the pool's origin from this undici version; pass it as options.origin (the URL given to new Pool())`);
}

/** An undici field kept as an own property under a private Symbol(description), if present. */
function internal(pool: object, description: string): unknown {
  const symbol = Object.getOwnPropertySymbols(pool).find((s) => s.description === description);
  return symbol === undefined ? undefined : (pool as Record<symbol, unknown>)[symbol];
}

function isUndiciPool(value: unknown): value is Pool {
  const p = value as { stats?: unknown; on?: unknown; removeListener?: unknown } | null;
  return typeof p === 'object' && p !== null && typeof p.on === 'function' && typeof p.removeListener === 'function' && typeof p.stats === 'object' && p.stats !== null;
}
