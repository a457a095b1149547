import { describe, expect, it } from 'vitest';
import { MetricCatalog } from '../../src/catalog/MetricCatalog.js';
import { MetricDefinitionError, validateDefinition } from '../../src/catalog/MetricDefinition.js';
import { catalog } from '../../src/catalog/metrics.js';
import { prometheusName } from '../../src/catalog/prometheusNames.js';

const def = {
  name: 'leakguard.test.items',
  area: 'test',
  origin: 'leakguard',
  instrument: 'observableGauge',
  unit: '{item}',
  description: 'Items.',
  attributes: [{ key: 'leakguard.test.kind', description: 'kind', values: ['a', 'b'] }],
} as const;

describe('MetricCatalog', () => {
  it('returns frozen definitions and lists them in definition order', () => {
    const c = new MetricCatalog();
    const a = c.define(def);
    const b = c.define({ ...def, name: 'leakguard.test.other' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.attributes[0])).toBe(true);
    expect(c.list()).toEqual([a, b]);
    expect(c.get('leakguard.test.other')).toBe(b);
    expect(c.size).toBe(2);
    expect([...c]).toEqual([a, b]);
  });

  it('rejects a duplicate name at definition time', () => {
    const c = new MetricCatalog();
    c.define(def);
    expect(() => c.define({ ...def, description: 'again' })).toThrow(MetricDefinitionError);
    expect(() => c.define({ ...def })).toThrow(/"leakguard.test.items" is already defined/);
    expect(c.size).toBe(1);
  });

  it('rejects two names that collide once translated to Prometheus', () => {
    const c = new MetricCatalog();
    c.define({ ...def, name: 'leakguard.test.wait', instrument: 'histogram', unit: 's', attributes: [] });
    expect(() => c.define({ ...def, name: 'leakguard.test.wait_seconds', instrument: 'histogram', unit: 's', attributes: [] })).toThrow(
      /Prometheus name leakguard_test_wait_seconds, which "leakguard.test.wait" already has/,
    );
  });

  it('rejects a Prometheus name promtool would flag, and accepts an explicit override', () => {
    const c = new MetricCatalog();
    expect(() => c.define({ ...def, name: 'leakguard.test.count' })).toThrow(
      /leakguard_test_count ends in _count\/_sum\/_bucket.*set prometheusName/,
    );
    expect(() => c.define({ ...def, name: 'leakguard.test.count', prometheusName: 'leakguard_test_total' })).toThrow(/ends in "_total" but is not a counter; fix prometheusName/);
    expect(() => c.define({ ...def, name: 'leakguard.test.jobs', instrument: 'counter', prometheusName: 'leakguard_test_jobs' })).toThrow(/counter without the "_total" suffix/);
    const ok = c.define({ ...def, name: 'leakguard.test.count', prometheusName: 'leakguard_test_items_now' });
    expect(prometheusName(ok)).toBe('leakguard_test_items_now');
  });
});

describe("leakguard's catalog", () => {
  it('holds only valid definitions with unique OTel and Prometheus names', () => {
    const list = catalog.list();
    expect(list.length).toBeGreaterThan(0);
    for (const d of list) expect(() => validateDefinition(d)).not.toThrow();
    expect(new Set(list.map((d) => d.name)).size).toBe(list.length);
    expect(new Set(list.map((d) => prometheusName(d))).size).toBe(list.length);
  });

  it('gives every histogram explicit buckets and every time histogram seconds', () => {
    for (const d of catalog.list().filter((x) => x.instrument === 'histogram')) {
      expect(d.buckets, d.name).toBeDefined();
      if (/time|duration/.test(d.name)) expect(d.unit, d.name).toBe('s');
    }
  });
});
