import { Registry, register as globalRegister } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/catalog/metrics.js';
import { defaultMetricSink, defaultPrometheusRegistry, resolveMetricSink, setDefaultMetricSink } from '../../src/sinks/defaultSink.js';
import { fanoutSink } from '../../src/sinks/fanoutSink.js';
import { otelSink } from '../../src/sinks/OtelSink.js';
import { prometheusSink } from '../../src/sinks/PrometheusSink.js';
import { otelHarness } from '../support/otel.js';

const attrs = { 'leakguard.sweeper.name': 'fan', 'leakguard.sweep.outcome': 'success' } as const;

describe('fanoutSink', () => {
  it('sends counters, histograms and observations to every sink', async () => {
    await using otel = otelHarness();
    const prom = prometheusSink({ registry: new Registry() });
    const sink = fanoutSink(otelSink(otel.provider.getMeter('fan')), prom);
    sink.counter(METRICS.sweeperRuns).add(2, attrs);
    sink.histogram(METRICS.registryDisposeTime).record(0.2, { 'leakguard.registry.name': 'fan' });
    const obs = sink.observe(METRICS.sweeperTasks, (observe) => observe(4, { 'leakguard.sweeper.name': 'fan' }));
    const m = await otel.collect();
    expect(m.get('leakguard.sweeper.runs')?.points[0]?.value).toBe(2);
    expect(m.get('leakguard.sweeper.tasks')?.points[0]?.value).toBe(4);
    const text = await prom.registry.metrics();
    expect(text).toContain('leakguard_sweeper_runs_total{leakguard_sweeper_name="fan",leakguard_sweep_outcome="success"} 2');
    expect(text).toContain('leakguard_sweeper_tasks{leakguard_sweeper_name="fan"} 4');
    expect(text).toContain('leakguard_registry_dispose_time_seconds_count{leakguard_registry_name="fan"} 1');
    obs.unregister();
    expect(await prom.registry.metrics()).not.toContain('leakguard_sweeper_tasks{leakguard_sweeper_name="fan"}');
  });

  it('is the sink itself when given one', () => {
    const prom = prometheusSink();
    expect(fanoutSink(prom)).toBe(prom);
  });
});

describe('default sink', () => {
  it('reports to leakguard’s private registry, never the global one', async () => {
    const globalBefore = await globalRegister.metrics();
    defaultMetricSink().counter(METRICS.sweeperRuns).add(1, { ...attrs, 'leakguard.sweeper.name': 'default-test' });
    expect(await defaultPrometheusRegistry().metrics()).toContain('leakguard_sweeper_name="default-test"');
    expect(await globalRegister.metrics()).toBe(globalBefore);
    expect(defaultPrometheusRegistry()).not.toBe(globalRegister);
  });

  it('resolves a primitive’s meter option: undefined, an OTel Meter, or a sink', () => {
    const meter = otelHarness().provider.getMeter('resolve');
    const prom = prometheusSink();
    expect(resolveMetricSink(undefined)).toBe(defaultMetricSink());
    expect(resolveMetricSink(meter)).toBe(otelSink(meter));
    expect(resolveMetricSink(prom)).toBe(prom);
  });

  it('can be replaced and restored', async () => {
    const replacement = prometheusSink();
    setDefaultMetricSink(replacement);
    try {
      expect(resolveMetricSink(undefined)).toBe(replacement);
    } finally {
      setDefaultMetricSink(undefined);
    }
    expect(defaultMetricSink()).not.toBe(replacement);
    defaultMetricSink().counter(METRICS.sweeperRuns).add(1, { ...attrs, 'leakguard.sweeper.name': 'restored' });
    expect(await defaultPrometheusRegistry().metrics()).toContain('leakguard_sweeper_name="restored"');
    expect(await replacement.registry.metrics()).not.toContain('restored');
  });
});
