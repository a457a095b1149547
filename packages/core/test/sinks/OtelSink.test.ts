import { describe, expect, it } from 'vitest';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { MetricCatalog } from '../../src/catalog/MetricCatalog.js';
import { MetricAttributeError, MetricDefinitionError } from '../../src/catalog/MetricDefinition.js';
import { otelSink } from '../../src/sinks/OtelSink.js';
import { otelHarness } from '../support/otel.js';

const c = new MetricCatalog();
const jobs = c.define({
  name: 'leakguard.test.jobs',
  area: 'test',
  origin: 'leakguard',
  instrument: 'counter',
  unit: '{job}',
  description: 'Jobs done.',
  attributes: [
    { key: 'leakguard.test.name', description: 'name', required: true },
    { key: 'leakguard.test.outcome', description: 'outcome', values: ['ok', 'error'] },
  ],
});
const waitTime = c.define({
  name: 'leakguard.test.wait_time',
  area: 'test',
  origin: 'leakguard',
  instrument: 'histogram',
  unit: 's',
  description: 'Wait.',
  attributes: [],
  buckets: [0.01, 0.1, 1],
});
const depth = c.define({
  name: 'leakguard.test.depth',
  area: 'test',
  origin: 'leakguard',
  instrument: 'observableUpDownCounter',
  unit: '{item}',
  description: 'Depth.',
  attributes: [{ key: 'leakguard.test.name', description: 'name', required: true }],
});

describe('otelSink', () => {
  it('creates instruments from the catalog with name, unit and description', async () => {
    await using otel = otelHarness();
    const sink = otelSink(otel.provider.getMeter('t'));
    sink.counter(jobs).add(2, { 'leakguard.test.name': 'a', 'leakguard.test.outcome': 'ok' });
    sink.counter(jobs).add(1, { 'leakguard.test.name': 'a', 'leakguard.test.outcome': 'ok' });
    sink.histogram(waitTime).record(0.05);
    const m = await otel.collect();
    expect(m.get('leakguard.test.jobs')).toMatchObject({ unit: '{job}', description: 'Jobs done.' });
    expect(m.get('leakguard.test.jobs')?.points[0]).toMatchObject({ value: 3, attributes: { 'leakguard.test.name': 'a', 'leakguard.test.outcome': 'ok' } });
    const h = m.get('leakguard.test.wait_time')?.points[0]?.value as Histogram;
    // The catalog's buckets reach the SDK as advice.
    expect(h.buckets.boundaries).toEqual([0.01, 0.1, 1]);
    expect(h.buckets.counts).toEqual([0, 1, 0, 0]);
  });

  it('reads observable state at collect time, and stops when the observation is disposed', async () => {
    await using otel = otelHarness();
    const sink = otelSink(otel.provider.getMeter('t'));
    let level = 1;
    let calls = 0;
    const obs = sink.observe(depth, (observe) => {
      calls++;
      observe(level, { 'leakguard.test.name': 'q' });
    });
    level = 7;
    expect((await otel.collect()).get('leakguard.test.depth')?.points[0]?.value).toBe(7);
    level = 3;
    expect((await otel.collect()).get('leakguard.test.depth')?.points[0]?.value).toBe(3);
    expect(calls).toBe(2);
    obs[Symbol.dispose]();
    await otel.collect();
    // The SDK may keep exporting the last cumulative point; what matters is that our callback is gone.
    expect(calls).toBe(2);
  });

  it('bound handles record with their attribute set', async () => {
    await using otel = otelHarness();
    const sink = otelSink(otel.provider.getMeter('t'));
    const bound = sink.counter(jobs).bind({ 'leakguard.test.name': 'b' });
    bound.add(2);
    bound.add(5);
    expect(() => sink.counter(jobs).bind({ 'leakguard.test.outcome': 'ok' })).toThrow(/requires attribute "leakguard.test.name"/);
    sink.histogram(waitTime).bind().record(0.5);
    const m = await otel.collect();
    expect(m.get('leakguard.test.jobs')?.points[0]).toMatchObject({ value: 7, attributes: { 'leakguard.test.name': 'b' } });
    expect((m.get('leakguard.test.wait_time')?.points[0]?.value as Histogram).count).toBe(1);
  });

  it('returns one sink per meter and one instrument per definition', () => {
    const meter = otelHarness().provider.getMeter('t');
    expect(otelSink(meter)).toBe(otelSink(meter));
    expect(otelSink(meter).counter(jobs)).toBe(otelSink(meter).counter(jobs));
  });

  it('rejects undeclared attributes, values outside a closed set and missing required attributes at record time', () => {
    const sink = otelSink(otelHarness().provider.getMeter('t'));
    const counter = sink.counter(jobs);
    expect(() => counter.add(1, { 'leakguard.test.name': 'a', 'http.route': '/x' })).toThrow(MetricAttributeError);
    expect(() => counter.add(1, { 'leakguard.test.name': 'a', 'http.route': '/x' })).toThrow(/no attribute "http.route"; declared: leakguard.test.name, leakguard.test.outcome/);
    expect(() => counter.add(1, { 'leakguard.test.name': 'a', 'leakguard.test.outcome': 'maybe' })).toThrow(/must be one of ok, error, got "maybe"/);
    expect(() => counter.add(1, { 'leakguard.test.outcome': 'ok' })).toThrow(/requires attribute "leakguard.test.name"/);
    expect(() => counter.add(-1, { 'leakguard.test.name': 'a' })).toThrow(/non-negative number/);
  });

  it('refuses a definition through the wrong instrument method', () => {
    const sink = otelSink(otelHarness().provider.getMeter('t'));
    expect(() => sink.counter(depth)).toThrow(MetricDefinitionError);
    expect(() => sink.observe(jobs, () => {})).toThrow(/is a counter; it cannot be used through observe\(\)/);
  });

  it('works on the no-op global meter when no SDK is registered', () => {
    const sink = otelSink();
    expect(() => sink.counter(jobs).add(1, { 'leakguard.test.name': 'x' })).not.toThrow();
    sink.observe(depth, () => {}).unregister();
  });
});
