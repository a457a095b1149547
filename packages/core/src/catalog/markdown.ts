import type { MetricCatalog } from './MetricCatalog.js';
import type { InstrumentKind } from './MetricDefinition.js';
import { prometheusLabel, prometheusName } from './prometheusNames.js';

const KIND_LABEL: Record<InstrumentKind, string> = {
  counter: 'Counter',
  histogram: 'Histogram',
  observableCounter: 'Counter (observable)',
  observableUpDownCounter: 'UpDownCounter (observable)',
  observableGauge: 'Gauge (observable)',
};

const escape = (s: string): string => s.replace(/\|/g, '\\|');

/** docs/metrics.md, rendered from the catalog. `npm run generate` writes it; a test checks it is current. */
export function renderMetricsMarkdown(catalog: MetricCatalog): string {
  const lines: string[] = [
    '# Metrics reference',
    '',
    '<!-- Generated from the catalog in packages/core/src/catalog by `npm run generate`. Do not edit by hand. -->',
    '',
    'Every metric leakguard emits, with its OpenTelemetry name and the Prometheus name the',
    '[OTel→Prometheus translation](adr/0002-metric-naming.md) gives it. Observable instruments are',
    'read at collect time. Attributes marked *required* are on every data point; a listed value set',
    'is closed (anything else is rejected when recorded).',
    '',
  ];
  const areas = [...new Set(catalog.list().map((d) => d.area))];
  for (const area of areas) {
    lines.push(`## ${area}`, '');
    lines.push('| OTel name | Prometheus name | instrument | unit | description |', '| --- | --- | --- | --- | --- |');
    const defs = catalog.list().filter((d) => d.area === area);
    for (const d of defs) {
      const origin = d.origin === 'semconv' ? ' (OTel semconv)' : '';
      lines.push(`| \`${d.name}\`${origin} | \`${prometheusName(d)}\` | ${KIND_LABEL[d.instrument]} | \`${d.unit}\` | ${escape(d.description)} |`);
    }
    lines.push('');
    for (const d of defs) {
      if (d.attributes.length === 0 && d.buckets === undefined) continue;
      lines.push(`### \`${d.name}\``, '');
      if (d.attributes.length > 0) {
        lines.push('| attribute | Prometheus label | values | description |', '| --- | --- | --- | --- |');
        for (const a of d.attributes) {
          const values = a.values === undefined ? 'open' : a.values.map((v) => `\`${v}\``).join(', ');
          lines.push(`| \`${a.key}\`${a.required === true ? ' (required)' : ''} | \`${prometheusLabel(a.key)}\` | ${values} | ${escape(a.description)} |`);
        }
        lines.push('');
      }
      if (d.buckets !== undefined) lines.push(`Buckets (${d.unit}): ${d.buckets.join(', ')}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
