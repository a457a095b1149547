import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { LeakguardError } from '../errors.js';
import { assertInteger } from '../options.js';
import { defaultPrometheusRegistry } from '../sinks/defaultSink.js';
import { withDeadline } from '../lifecycle/deadline.js';

export interface MetricsHandlerOptions {
  /** Registry to serve. Default: `defaultPrometheusRegistry()`. */
  readonly registry?: Registry;
  /** Path that serves the metrics. Default `/metrics`. */
  readonly path?: string;
}

/**
 * A node:http request listener that serves `registry` in the Prometheus text format on
 * GET/HEAD `path`, 404 elsewhere, 405 for other methods. Mount it in an existing server,
 * or use `startMetricsServer`.
 */
export function metricsHandler(options: MetricsHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const registry = options.registry ?? defaultPrometheusRegistry();
  const path = options.path ?? '/metrics';
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found; metrics are at ${path}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`collecting metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };
}

export interface MetricsServerOptions extends MetricsHandlerOptions {
  /** TCP port; 0 picks a free one. Default 9464 (the OTel Prometheus exporter's port). */
  readonly port?: number;
  /** Address to bind. Default `127.0.0.1`: metrics are not published beyond this machine unless you say so. */
  readonly host?: string;
}

export interface MetricsServer extends AsyncDisposable {
  /** e.g. `http://127.0.0.1:9464/metrics`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /**
   * Stops accepting connections, lets in-flight scrapes finish until `timeoutMs`
   * (default 5000), then drops the remaining sockets. Idempotent.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** Starts an HTTP server for `/metrics`; resolves once it listens. */
export async function startMetricsServer(options: MetricsServerOptions = {}): Promise<MetricsServer> {
  const port = assertInteger('startMetricsServer', 'port', options.port ?? 9464, 0, 65_535);
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/metrics';
  const server = createServer(metricsHandler({ ...options, path }));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LeakguardError('LEAKGUARD_PORT_IN_USE', `startMetricsServer: ${host}:${port} is already in use; pass another port (0 picks a free one)`, { cause: error })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  const close = (closeOptions: { timeoutMs?: number } = {}): Promise<void> => {
    closing ??= closeServer(server, closeOptions.timeoutMs ?? 5000);
    return closing;
  };
  return {
    url: `http://${shownHost}:${address.port}${path}`,
    port: address.port,
    host: address.address,
    close,
    [Symbol.asyncDispose]: () => close(),
  };
}

async function closeServer(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
  });
  // Keep-alive connections that are not serving a request would hold close() open.
  server.closeIdleConnections();
  const outcome = await withDeadline(closed, timeoutMs);
  if (outcome.timedOut) {
    server.closeAllConnections();
    await closed;
  }
}
