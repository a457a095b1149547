import { Registry, register as globalRegister, Gauge } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MetricCatalog } from '../../src/catalog/MetricCatalog.js';
import { MetricAttributeError, MetricDefinitionError } from '../../src/catalog/MetricDefinition.js';
import { catalog } from '../../src/catalog/metrics.js';
import type { MetricSink, Observe } from '../../src/sinks/MetricSink.js';
import { prometheusSink } from '../../src/sinks/PrometheusSink.js';
import { promtoolCheckMetrics } from '../support/promtool.js';

const c = new MetricCatalog();
const waitTime = c.define({
  name: 'db.client.connection.wait_time',
  area: 'test',
  origin: 'semconv',
  instrument: 'histogram',
  unit: 's',
  description: 'Time to obtain an open connection from the pool.',
  attributes: [{ key: 'db.client.connection.pool.name', description: 'pool', required: true }],
  buckets: [0.001, 0.01, 0.1, 1],
});
const count = c.define({
  name: 'db.client.connection.count',
  prometheusName: 'db_client_connections',
  area: 'test',
  origin: 'semconv',
  instrument: 'observableUpDownCounter',
  unit: '{connection}',
  description: 'Connections by state.',
  attributes: [
    { key: 'db.client.connection.pool.name', description: 'pool', required: true },
    { key: 'db.client.connection.state', description: 'state', values: ['idle', 'used'], required: true },
  ],
});
const timeouts = c.define({
  name: 'db.client.connection.timeouts',
  area: 'test',
  origin: 'semconv',
  instrument: 'counter',
  unit: '{timeout}',
  description: 'Acquire timeouts.',
  attributes: [{ key: 'db.client.connection.pool.name', description: 'pool', required: true }],
});
const created = c.define({
  name: 'leakguard.test.created',
  area: 'test',
  origin: 'leakguard',
  instrument: 'observableCounter',
  unit: '{connection}',
  description: 'Connections created since start.',
  attributes: [],
});

describe('prometheusSink', () => {
  it('registers on a private registry by default and never on prom-client’s global one', async () => {
    const before = await globalRegister.metrics();
    const sink = prometheusSink();
    sink.counter(timeouts).add(1, { 'db.client.connection.pool.name': 'db' });
    expect(sink.registry).not.toBe(globalRegister);
    expect(await globalRegister.metrics()).toBe(before);
    expect(await sink.registry.metrics()).toContain('db_client_connection_timeouts_total{db_client_connection_pool_name="db"} 1');
  });

  it('uses the translated names, units and labels, and reads observables at scrape time', async () => {
    const registry = new Registry();
    const sink = prometheusSink({ registry });
    sink.histogram(waitTime).record(0.05, { 'db.client.connection.pool.name': 'db' });
    let used = 2;
    sink.observe(count, (observe) => {
      observe(used, { 'db.client.connection.pool.name': 'db', 'db.client.connection.state': 'used' });
      observe(10 - used, { 'db.client.connection.pool.name': 'db', 'db.client.connection.state': 'idle' });
    });
    sink.observe(created, (observe) => observe(5));
    used = 9;
    const text = await registry.metrics();
    expect(text).toContain('# TYPE db_client_connection_wait_time_seconds histogram');
    expect(text).toContain('db_client_connection_wait_time_seconds_bucket{le="0.1",db_client_connection_pool_name="db"} 1');
    expect(text).toContain('db_client_connection_wait_time_seconds_bucket{le="0.01",db_client_connection_pool_name="db"} 0');
    expect(text).toContain('db_client_connections{db_client_connection_pool_name="db",db_client_connection_state="used"} 9');
    expect(text).toContain('db_client_connections{db_client_connection_pool_name="db",db_client_connection_state="idle"} 1');
    expect(text).toContain('# TYPE leakguard_test_created_total counter');
    expect(text).toContain('leakguard_test_created_total 5');
  });

  it('bound handles check attributes once at bind time and aggregate like unbound records', async () => {
    const sink = prometheusSink();
    expect(() => sink.histogram(waitTime).bind({ 'db.client.connection.pool.name': 'db', bogus: 'x' })).toThrow(MetricAttributeError);
    expect(() => sink.counter(timeouts).bind({})).toThrow(/requires attribute "db.client.connection.pool.name"/);
    const bound = sink.histogram(waitTime).bind({ 'db.client.connection.pool.name': 'bound' });
    // A value equal to a bound falls in that bucket (le = less than or equal).
    for (const v of [0.001, 0.001, 0.005, 0.5, 2]) bound.record(v);
    sink.histogram(waitTime).record(0.01, { 'db.client.connection.pool.name': 'bound' });
    expect(() => bound.record(-1)).toThrow(/non-negative number, got -1/);
    expect(() => bound.record(Number.NaN)).toThrow(MetricAttributeError);
    const c = sink.counter(timeouts).bind({ 'db.client.connection.pool.name': 'bound' });
    c.add(2);
    c.add(3);
    const text = await sink.registry.metrics();
    const line = (le: string): string => `db_client_connection_wait_time_seconds_bucket{le="${le}",db_client_connection_pool_name="bound"}`;
    expect(text).toContain(`${line('0.001')} 2`);
    expect(text).toContain(`${line('0.01')} 4`);
    expect(text).toContain(`${line('0.1')} 4`);
    expect(text).toContain(`${line('1')} 5`);
    expect(text).toContain(`${line('+Inf')} 6`);
    expect(text).toContain('db_client_connection_wait_time_seconds_sum{db_client_connection_pool_name="bound"} 2.517');
    expect(text).toContain('db_client_connection_wait_time_seconds_count{db_client_connection_pool_name="bound"} 6');
    expect(text).toContain('db_client_connection_timeouts_total{db_client_connection_pool_name="bound"} 5');
  });

  it('release() forgets a bound series, so short-lived names do not pile up', async () => {
    const sink = prometheusSink();
    const bound = sink.counter(timeouts).bind({ 'db.client.connection.pool.name': 'short-lived' });
    bound.add(1);
    expect(await sink.registry.metrics()).toContain('pool_name="short-lived"} 1');
    bound.release();
    expect(await sink.registry.metrics()).not.toContain('short-lived');
    const h = sink.histogram(waitTime).bind({ 'db.client.connection.pool.name': 'gone' });
    h.record(0.1);
    h.release();
    expect(await sink.registry.metrics()).not.toContain('gone');
  });

  it('works on an OpenMetrics registry and in getMetricsAsJSON', async () => {
    const registry = new Registry();
    // prom-client's types leave out the content-type argument; setContentType is typed as generic.
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
    const sink = prometheusSink({ registry });
    sink.counter(timeouts).add(1, { 'db.client.connection.pool.name': 'om' });
    const text = await registry.metrics();
    expect(text).toContain('# TYPE db_client_connection_timeouts counter');
    expect(text).toContain('db_client_connection_timeouts_total{db_client_connection_pool_name="om"} 1');
    expect(text.endsWith('# EOF\n')).toBe(true);
    const json = await registry.getMetricsAsJSON();
    expect(json[0]).toMatchObject({ type: 'counter', values: [{ labels: { db_client_connection_pool_name: 'om' }, value: 1 }] });
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('pool_name="om"');
  });

  it('drops a data series once its observation is disposed (a closed pool disappears)', async () => {
    const sink = prometheusSink();
    const obs = sink.observe(count, (observe) => observe(1, { 'db.client.connection.pool.name': 'gone', 'db.client.connection.state': 'idle' }));
    expect(await sink.registry.metrics()).toContain('pool_name="gone"');
    obs.unregister();
    expect(await sink.registry.metrics()).not.toContain('pool_name="gone"');
  });

  it('returns the same sink for the same registry and refuses a foreign metric of the same name', () => {
    const registry = new Registry();
    expect(prometheusSink({ registry })).toBe(prometheusSink({ registry }));
    const foreign = new Registry();
    new Gauge({ name: 'db_client_connection_timeouts_total', help: 'not ours', registers: [foreign] });
    expect(() => prometheusSink({ registry: foreign }).counter(timeouts)).toThrow(MetricDefinitionError);
    expect(() => prometheusSink({ registry: foreign }).counter(timeouts)).toThrow(/already has a metric named db_client_connection_timeouts_total/);
  });

  it('checks attributes at record time, and in observable callbacks at scrape time', async () => {
    const sink = prometheusSink();
    expect(() => sink.counter(timeouts).add(1, { 'db.client.connection.pool.name': 'db', 'db.client.connection.state': 'idle' })).toThrow(MetricAttributeError);
    sink.observe(count, (observe) => observe(1, { 'db.client.connection.pool.name': 'db', 'db.client.connection.state': 'broken' }));
    await expect(sink.registry.metrics()).rejects.toThrow(/must be one of idle, used, got "broken"/);
  });

  it('produces a scrape of the whole catalog that `promtool check metrics` accepts without a remark', async () => {
    const sink = prometheusSink();
    for (const def of catalog) record(sink, def);
    for (const def of c) record(sink, def);
    const scrape = await sink.registry.metrics();
    const { status, output } = promtoolCheckMetrics(scrape);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('is caught by promtool when a name breaks the conventions (the check can fail)', () => {
    const bad = '# HELP bad_counter x\n# TYPE bad_counter counter\nbad_counter 1\n';
    const { status, output } = promtoolCheckMetrics(bad);
    expect(output).toMatch(/counter metrics should have "_total" suffix/);
    expect(status).not.toBe(0);
  });
});

/** Records one plausible data point for any definition, filling required attributes. */
function record(sink: MetricSink, def: Parameters<MetricSink['counter']>[0]): void {
  const attrs: Record<string, string> = {};
  for (const a of def.attributes) attrs[a.key] = a.values?.[0] ?? 'example';
  if (def.instrument === 'counter') sink.counter(def).add(1, attrs);
  else if (def.instrument === 'histogram') sink.histogram(def).record(0.2, attrs);
  else sink.observe(def, (observe: Observe) => observe(1, attrs));
}
