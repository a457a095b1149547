import type { Histogram } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../src/catalog/metrics.js';
import { Registry } from 'prom-client';
import { otelMetricProducer } from '../src/otel-producer.js';
import { fanoutSink } from '../src/sinks/fanoutSink.js';
import { prometheusSink } from '../src/sinks/PrometheusSink.js';

class PullReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

describe('otelMetricProducer', () => {
  it('hands a real MetricReader cumulative counters, histograms and observations, merged with the SDK’s own', async () => {
    const producer = otelMetricProducer();
    const reader = new PullReader({ metricProducers: [producer] });
    const provider = new MeterProvider({ readers: [reader] });
    provider.getMeter('app').createCounter('app.requests').add(1);
    const pool = { 'db.client.connection.pool.name': 'db' };
    const wait = producer.histogram(METRICS.poolWaitTime).bind(pool);
    for (const v of [0.0002, 0.003, 0.003, 40]) wait.record(v);
    producer.counter(METRICS.poolTimeouts).add(2, pool);
    let used = 4;
    producer.observe(METRICS.poolConnectionCount, (observe) => {
      observe(used, { ...pool, 'db.client.connection.state': 'used' });
      observe(6, { ...pool, 'db.client.connection.state': 'idle' });
    });
    used = 5;

    const { resourceMetrics, errors } = await reader.collect();
    expect(errors).toEqual([]);
    const scopes = resourceMetrics.scopeMetrics.map((s) => s.scope.name);
    expect(scopes).toEqual(expect.arrayContaining(['app', '@leakguard/core']));
    const ours = resourceMetrics.scopeMetrics.find((s) => s.scope.name === '@leakguard/core');
    const byName = new Map(ours?.metrics.map((m) => [m.descriptor.name, m]));

    const h = byName.get('db.client.connection.wait_time');
    expect(h).toMatchObject({ dataPointType: DataPointType.HISTOGRAM, aggregationTemporality: AggregationTemporality.CUMULATIVE, descriptor: { unit: 's' } });
    const hv = h?.dataPoints[0]?.value as Histogram;
    expect(h?.dataPoints[0]?.attributes).toEqual(pool);
    expect(hv.buckets.boundaries).toEqual(METRICS.poolWaitTime.buckets);
    expect(hv.buckets.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(hv.buckets.counts[0]).toBe(1); // 0.0002 <= 0.0005
    expect(hv.buckets.counts.at(-1)).toBe(1); // 40 > 30
    expect(hv).toMatchObject({ count: 4, min: 0.0002, max: 40 });
    expect(hv.sum).toBeCloseTo(40.0062, 6);

    expect(byName.get('db.client.connection.timeouts')).toMatchObject({ dataPointType: DataPointType.SUM, isMonotonic: true, dataPoints: [{ value: 2 }] });
    const count = byName.get('db.client.connection.count');
    expect(count).toMatchObject({ dataPointType: DataPointType.SUM, isMonotonic: false });
    expect(count?.dataPoints.map((p) => [p.attributes['db.client.connection.state'], p.value])).toEqual([
      ['used', 5],
      ['idle', 6],
    ]);
    await provider.shutdown();
  });

  it('exports what a Prometheus sink aggregated: recorded once, seen by both', async () => {
    const prom = prometheusSink({ registry: new Registry() });
    const producer = otelMetricProducer({ sink: prom });
    const pool = { 'db.client.connection.pool.name': 'shared' };
    prom.counter(METRICS.poolTimeouts).bind(pool).add(3);
    producer.counter(METRICS.poolTimeouts).add(1, pool);
    expect(await prom.registry.metrics()).toContain('db_client_connection_timeouts_total{db_client_connection_pool_name="shared"} 4');
    const { resourceMetrics } = await producer.collect();
    expect(resourceMetrics.scopeMetrics[0]?.metrics[0]).toMatchObject({ descriptor: { name: 'db.client.connection.timeouts' }, dataPoints: [{ value: 4, attributes: pool }] });
    expect(() => otelMetricProducer({ sink: fanoutSink(prom, prom) })).toThrow(/sink must be a sink leakguard aggregates in/);
  });

  it('reports a failing observable callback as a collection error and still returns the rest', async () => {
    const producer = otelMetricProducer();
    producer.counter(METRICS.sweeperRuns).add(1, { 'leakguard.sweeper.name': 'p', 'leakguard.sweep.outcome': 'success' });
    producer.observe(METRICS.sweeperTasks, () => {
      throw new Error('callback broke');
    });
    const { resourceMetrics, errors } = await producer.collect();
    expect(errors.map((e) => (e as Error).message)).toEqual(['callback broke']);
    expect(resourceMetrics.scopeMetrics[0]?.metrics.map((m) => m.descriptor.name)).toEqual(['leakguard.sweeper.runs']);
  });
});
