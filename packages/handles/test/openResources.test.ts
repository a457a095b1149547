import { Registry } from 'prom-client';
import { ResourceRegistry, prometheusSink } from '@leakguard/core';
import { createPool } from '@leakguard/pool';
import { describe, expect, it } from 'vitest';
import { observeOpenResources } from '../src/openResources.js';

describe('observeOpenResources', () => {
  it('reports pool leases and pools at collect time, and stops when disposed', async () => {
    const sink = prometheusSink({ registry: new Registry() });
    await using registry = new ResourceRegistry({ name: 'open-resources-test', meter: sink });
    await using pool = createPool({ name: 'open-resources-pool', create: async () => ({}), destroy: () => {}, registry, meter: sink });
    using _observation = observeOpenResources({ meter: sink });
    const before = await sink.registry.metrics();
    const leases = Number(/leakguard_resources_open\{leakguard_resource_kind="lease"\} (\d+)/.exec(before)?.[1] ?? '0');
    const lease = await pool.acquire();
    expect(await sink.registry.metrics()).toContain(`leakguard_resources_open{leakguard_resource_kind="lease"} ${leases + 1}`);
    expect(await sink.registry.metrics()).toMatch(/leakguard_resources_open\{leakguard_resource_kind="pool"\} [1-9]/);
    lease.release();
    expect(await sink.registry.metrics()).toContain(`leakguard_resources_open{leakguard_resource_kind="lease"} ${leases}`);
  });
});
