import type { MetricDefinition } from './MetricDefinition.js';
import { UNIT_WORDS } from './MetricDefinition.js';

/**
 * The Prometheus name of a metric, by the OTel→Prometheus compatibility rules:
 * `.` and other invalid characters become `_`; the unit's word is appended unless the
 * name already ends with it (`s`→`_seconds`, `By`→`_bytes`, `By/s`→`_bytes_per_second`,
 * `1`→`_ratio` for gauges only, `{annotation}` units add nothing); counters end in `_total`.
 *
 * `db.client.connection.wait_time` (histogram, `s`) → `db_client_connection_wait_time_seconds`.
 * A definition's explicit `prometheusName` wins (see MetricDefinition.prometheusName).
 */
export function prometheusName(def: Pick<MetricDefinition, 'name' | 'unit' | 'instrument' | 'prometheusName'>): string {
  if (def.prometheusName !== undefined) return def.prometheusName;
  let name = sanitize(def.name);
  const isCounter = def.instrument === 'counter' || def.instrument === 'observableCounter';
  const unit = unitSuffix(def.unit, isCounter || def.instrument === 'histogram');
  if (unit !== '' && !name.endsWith(`_${unit}`)) name = `${name}_${unit}`;
  if (isCounter && !name.endsWith('_total')) name = `${name}_total`;
  return name;
}

/** The Prometheus label name of an OTel attribute key: `db.client.connection.state` → `db_client_connection_state`. */
export function prometheusLabel(key: string): string {
  return sanitize(key);
}

function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_+/g, '_');
}

function unitSuffix(unit: string, monotonicOrHistogram: boolean): string {
  // Annotations (`{connection}`) carry no unit in Prometheus; inside a compound unit they drop too.
  const stripped = unit.replace(/\{[^}]*\}/g, '');
  if (stripped === '') return '';
  if (stripped === '1') return monotonicOrHistogram ? '' : 'ratio';
  const [num = '', den] = stripped.split('/');
  const words = [num === '' || num === '1' ? '' : (UNIT_WORDS[num] ?? sanitize(num))];
  if (den !== undefined && den !== '') words.push('per', UNIT_WORDS[den]?.replace(/s$/, '') ?? sanitize(den));
  return words.filter((w) => w !== '').join('_');
}

const RESERVED_SUFFIXES = ['_count', '_sum', '_bucket'];

/**
 * Why `name` is not a good Prometheus name for a metric of `instrument`, or undefined when it
 * is: the checks `promtool check metrics` makes on names, applied at definition time.
 */
export function prometheusNameProblem(name: string, instrument: MetricDefinition['instrument']): string | undefined {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) return 'is not a valid Prometheus metric name';
  const isCounter = instrument === 'counter' || instrument === 'observableCounter';
  if (isCounter && !name.endsWith('_total')) return 'is a counter without the "_total" suffix';
  if (!isCounter && name.endsWith('_total')) return 'ends in "_total" but is not a counter';
  if (instrument !== 'histogram' && RESERVED_SUFFIXES.some((s) => name.endsWith(s))) {
    return `ends in ${RESERVED_SUFFIXES.join('/')}, which Prometheus reserves for histogram and summary series`;
  }
  return undefined;
}
