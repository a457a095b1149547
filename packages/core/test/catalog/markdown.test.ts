import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetricCatalog } from '../../src/catalog/MetricCatalog.js';
import { renderMetricsMarkdown } from '../../src/catalog/markdown.js';
import { catalog } from '../../src/catalog/metrics.js';

describe('docs/metrics.md', () => {
  it('is current with the catalog (run `npm run generate` after changing a metric)', () => {
    const file = new URL('../../../../docs/metrics.md', import.meta.url);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    // toBe would print a huge diff; a clear message says what to do.
    if (committed !== renderMetricsMarkdown(catalog)) {
      expect.fail('docs/metrics.md is stale: run `npm run generate` and commit the result');
    }
  });

  it('renders every metric with its Prometheus name, attributes, closed values and buckets', () => {
    const c = new MetricCatalog();
    c.define({
      name: 'leakguard.demo.wait_time',
      area: 'demo',
      origin: 'leakguard',
      instrument: 'histogram',
      unit: 's',
      description: 'Wait | time.',
      attributes: [{ key: 'leakguard.demo.outcome', description: 'How it ended.', values: ['ok', 'error'], required: true }],
      buckets: [0.1, 1],
    });
    const md = renderMetricsMarkdown(c);
    expect(md).toContain('## demo');
    expect(md).toContain('| `leakguard.demo.wait_time` | `leakguard_demo_wait_time_seconds` | Histogram | `s` | Wait \\| time. |');
    expect(md).toContain('| `leakguard.demo.outcome` (required) | `leakguard_demo_outcome` | `ok`, `error` | How it ended. |');
    expect(md).toContain('Buckets (s): 0.1, 1');
  });
});
