import net from 'node:net';
import { setImmediate } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { prometheusSink } from '@leakguard/core';
import type { PrometheusSink } from '@leakguard/core';
import { describe, expect, it } from 'vitest';
import { observeActiveResources } from '../../src/metrics/activeResources.js';

/** The scraped value of `v8js_resource_active` for one type; 0 when the series is absent. */
async function active(sink: PrometheusSink, type: string): Promise<number> {
  const text = await sink.registry.metrics();
  const match = new RegExp(`^v8js_resource_active\\{v8js_resource_type="${type}"\\} (\\d+)$`, 'm').exec(text);
  return Number(match?.[1] ?? '0');
}

function listen(server: net.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
}

describe('observeActiveResources', () => {
  it('counts active resources by type at scrape time, up as they open and down as they close', async () => {
    const sink = prometheusSink({ registry: new Registry() });
    using _observation = observeActiveResources({ meter: sink });
    // Other test files' handles may be alive in this worker: compare with a baseline, not zero.
    const timeouts = await active(sink, 'Timeout');
    const servers = await active(sink, 'TCPServerWrap');

    const interval = setInterval(() => {}, 60_000);
    const server = net.createServer();
    await listen(server);
    try {
      expect(await active(sink, 'Timeout')).toBe(timeouts + 1);
      expect(await active(sink, 'TCPServerWrap')).toBe(servers + 1);
    } finally {
      clearInterval(interval);
      await close(server);
    }
    // libuv releases a closed handle in the close phase of a later loop turn, after 'close' has been emitted.
    await setImmediate();
    await setImmediate();
    expect(await active(sink, 'Timeout')).toBe(timeouts);
    expect(await active(sink, 'TCPServerWrap')).toBe(servers);
  });

  it('keeps one registration per sink, so two callers do not double the counts, until the last one closes', async () => {
    const sink = prometheusSink({ registry: new Registry() });
    const first = observeActiveResources({ meter: sink });
    const interval = setInterval(() => {}, 60_000);
    try {
      const alone = await active(sink, 'Timeout');
      const second = observeActiveResources({ meter: sink });
      expect(await active(sink, 'Timeout')).toBe(alone);
      first.close();
      first.close();
      expect(await active(sink, 'Timeout')).toBe(alone);
      second[Symbol.dispose]();
      expect(await sink.registry.metrics()).not.toMatch(/^v8js_resource_active\{/m);
    } finally {
      clearInterval(interval);
      first.close();
    }
  });

  it('reports nothing once disposed, and can observe again afterwards', async () => {
    const sink = prometheusSink({ registry: new Registry() });
    const interval = setInterval(() => {}, 60_000);
    try {
      const observation = observeActiveResources({ meter: sink });
      expect(await active(sink, 'Timeout')).toBeGreaterThan(0);
      observation.close();
      expect(await sink.registry.metrics()).not.toMatch(/^v8js_resource_active\{/m);
      using _again = observeActiveResources({ meter: sink });
      expect(await active(sink, 'Timeout')).toBeGreaterThan(0);
    } finally {
      clearInterval(interval);
    }
  });
});
