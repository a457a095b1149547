import { describe, expect, it } from 'vitest';
import type { MetricDefinition } from '../../src/catalog/MetricDefinition.js';
import { MetricDefinitionError, isValidUnit, validateDefinition } from '../../src/catalog/MetricDefinition.js';

const base: MetricDefinition = {
  name: 'leakguard.test.things',
  area: 'test',
  origin: 'leakguard',
  instrument: 'counter',
  unit: '{thing}',
  description: 'Things.',
  attributes: [],
};

function rejects(patch: Partial<MetricDefinition>, message: RegExp): void {
  expect(() => validateDefinition({ ...base, ...patch } as MetricDefinition)).toThrow(MetricDefinitionError);
  expect(() => validateDefinition({ ...base, ...patch } as MetricDefinition)).toThrow(message);
}

describe('validateDefinition', () => {
  it('accepts a well-formed definition', () => {
    expect(() => validateDefinition(base)).not.toThrow();
  });

  it('rejects names that are not lower-case dotted words', () => {
    rejects({ name: 'Leakguard.Things' }, /lower-case dot-separated/);
    rejects({ name: 'leakguard' }, /lower-case dot-separated/);
    rejects({ name: 'leakguard..x' }, /lower-case dot-separated/);
  });

  it('keeps leakguard metrics under leakguard.* and semconv names in semconv namespaces', () => {
    rejects({ name: 'pool.size' }, /leakguard\.<area>\.<thing>/);
    rejects({ name: 'leakguard.pool.size', origin: 'semconv' }, /semantic conventions/);
    expect(() => validateDefinition({ ...base, name: 'db.client.connection.count', origin: 'semconv' })).not.toThrow();
  });

  it('rejects units that are not UCUM, naming what to use instead', () => {
    rejects({ unit: 'sec' }, /unit "sec" is not a UCUM unit.*\{connection\}/);
    rejects({ unit: 'seconds' }, /not a UCUM unit/);
    rejects({ unit: '{Conn}' }, /not a UCUM unit/);
    rejects({ unit: '' }, /not a UCUM unit/);
  });

  it('knows the units leakguard uses', () => {
    for (const unit of ['s', 'ms', 'By', '1', '{connection}', 'By/s', '{request}/s']) expect(isValidUnit(unit), unit).toBe(true);
    for (const unit of ['S', 'bytes', 's/1', 'By/s/s', '{}']) expect(isValidUnit(unit), unit).toBe(false);
  });

  it('rejects unknown instruments, empty descriptions and bad areas', () => {
    rejects({ instrument: 'gauge' as never }, /instrument must be one of/);
    rejects({ description: '  ' }, /description is required/);
    rejects({ area: 'Pool' }, /area must be/);
  });

  it('checks attribute declarations', () => {
    rejects({ attributes: [{ key: 'Bad-Key', description: 'x' }] }, /attribute key "Bad-Key"/);
    rejects({ attributes: [{ key: 'a.b', description: 'x' }, { key: 'a.b', description: 'y' }] }, /declared twice/);
    rejects({ attributes: [{ key: 'a.b', description: 'x', values: [] }] }, /distinct non-empty values/);
    rejects({ attributes: [{ key: 'a.b', description: 'x', values: ['x', 'x'] }] }, /distinct non-empty values/);
  });

  it('checks histogram buckets', () => {
    rejects({ buckets: [1, 2] }, /histograms only/);
    rejects({ instrument: 'histogram', unit: 's', buckets: [1, 1] }, /strictly increasing/);
    rejects({ instrument: 'histogram', unit: 's', buckets: [] }, /strictly increasing/);
    expect(() => validateDefinition({ ...base, instrument: 'histogram', unit: 's', buckets: [0.1, 1] })).not.toThrow();
  });
});
