import { describe, expect, it } from 'vitest';
import type { InstrumentKind } from '../../src/catalog/MetricDefinition.js';
import { prometheusLabel, prometheusName } from '../../src/catalog/prometheusNames.js';

describe('prometheusName (OTel→Prometheus translation)', () => {
  const cases: [string, InstrumentKind, string, string][] = [
    ['db.client.connection.wait_time', 'histogram', 's', 'db_client_connection_wait_time_seconds'],
    ['db.client.connection.count', 'observableUpDownCounter', '{connection}', 'db_client_connection_count'],
    ['db.client.connection.timeouts', 'counter', '{timeout}', 'db_client_connection_timeouts_total'],
    ['http.client.open_connections', 'observableUpDownCounter', '{connection}', 'http_client_open_connections'],
    ['v8js.resource.active', 'observableUpDownCounter', '{resource}', 'v8js_resource_active'],
    ['leakguard.queue.run_time', 'histogram', 's', 'leakguard_queue_run_time_seconds'],
    ['leakguard.pool.usage', 'observableGauge', '1', 'leakguard_pool_usage_ratio'],
    ['leakguard.pool.used', 'observableUpDownCounter', '1', 'leakguard_pool_used_ratio'],
    ['leakguard.pool.hits', 'counter', '1', 'leakguard_pool_hits_total'],
    ['leakguard.io.read', 'counter', 'By', 'leakguard_io_read_bytes_total'],
    ['leakguard.io.rate', 'observableGauge', 'By/s', 'leakguard_io_rate_bytes_per_second'],
    ['leakguard.http.rate', 'observableGauge', '{request}/s', 'leakguard_http_rate_per_second'],
    ['leakguard.task.duration_seconds', 'histogram', 's', 'leakguard_task_duration_seconds'],
    ['leakguard.task.done_total', 'counter', '{task}', 'leakguard_task_done_total'],
    ['leakguard.memory.heap', 'observableGauge', 'MiBy', 'leakguard_memory_heap_mebibytes'],
    ['leakguard.obs.sum', 'observableCounter', 'ms', 'leakguard_obs_sum_milliseconds_total'],
  ];
  it.each(cases)('%s (%s, %s) → %s', (name, instrument, unit, expected) => {
    expect(prometheusName({ name, instrument, unit })).toBe(expected);
  });

  it('turns attribute keys into label names', () => {
    expect(prometheusLabel('db.client.connection.pool.name')).toBe('db_client_connection_pool_name');
    expect(prometheusLabel('leakguard.queue.name')).toBe('leakguard_queue_name');
  });
});
