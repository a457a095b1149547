// Writes the files generated from the metric catalog. Run `npm run generate` after
// changing a metric; tests fail while a generated file is stale.
import { writeFileSync } from 'node:fs';
import { catalog, renderMetricsMarkdown } from '../packages/core/src/index.js';

const outputs: [string, string][] = [['docs/metrics.md', renderMetricsMarkdown(catalog)]];

for (const [path, content] of outputs) {
  writeFileSync(new URL(`../${path}`, import.meta.url), content);
  console.log(`wrote ${path}`);
}
