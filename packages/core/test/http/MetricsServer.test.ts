import { request } from 'node:http';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/catalog/metrics.js';
import { metricsHandler, startMetricsServer } from '../../src/http/MetricsServer.js';
import { prometheusSink } from '../../src/sinks/PrometheusSink.js';
import { promtoolCheckMetrics } from '../support/promtool.js';

function registryWithData(): Registry {
  const sink = prometheusSink({ registry: new Registry() });
  sink.counter(METRICS.sweeperRuns).add(3, { 'leakguard.sweeper.name': 'http', 'leakguard.sweep.outcome': 'success' });
  return sink.registry;
}

describe('startMetricsServer', () => {
  it('binds 127.0.0.1 by default and serves the registry in the Prometheus text format', async () => {
    await using server = await startMetricsServer({ port: 0, registry: registryWithData() });
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const body = await res.text();
    expect(body).toContain('leakguard_sweeper_runs_total{leakguard_sweeper_name="http",leakguard_sweep_outcome="success"} 3');
    expect(promtoolCheckMetrics(body)).toEqual({ status: 0, output: '' });
  });

  it('answers 404 elsewhere, 405 to other methods, and HEAD without a body', async () => {
    await using server = await startMetricsServer({ port: 0, registry: new Registry(), path: '/stats' });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const post = await fetch(`${base}/stats`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${base}/stats`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 500 with the reason when collection fails', async () => {
    const registry = new Registry();
    registry.registerMetric({ name: 'x', get: () => Promise.reject(new Error('collector broke')) } as never);
    const handler = metricsHandler({ registry });
    await using server = await startMetricsServer({ port: 0, registry });
    expect(typeof handler).toBe('function');
    const res = await fetch(server.url);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('collector broke');
  });

  it('closes cleanly with idle keep-alive connections, idempotently, and frees the port', async () => {
    const server = await startMetricsServer({ port: 0, registry: new Registry() });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request(server.url, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    const t0 = performance.now();
    await Promise.all([server.close({ timeoutMs: 2000 }), server.close(), server[Symbol.asyncDispose]()]);
    expect(performance.now() - t0).toBeLessThan(1500);
    agent.destroy();
    // The port is free again.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(server.port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('says what to do when the port is taken, and rejects a bad port', async () => {
    await using first = await startMetricsServer({ port: 0, registry: new Registry() });
    await expect(startMetricsServer({ port: first.port, registry: new Registry() })).rejects.toMatchObject({ code: 'LEAKGUARD_PORT_IN_USE' });
    await expect(startMetricsServer({ port: first.port, registry: new Registry() })).rejects.toThrow(
      `startMetricsServer: 127.0.0.1:${first.port} is already in use; pass another port (0 picks a free one)`,
    );
    await expect(startMetricsServer({ port: 70_000 })).rejects.toThrow(/port must be an integer between 0 and 65535, got 70000/);
  });
});
