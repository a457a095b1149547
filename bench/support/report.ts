import { median } from './stats.js';
import type { SuiteResult } from './suite.js';

/** The `--json` shape: `{ suite, unit, scenarios: { <scenario>: { <contender>: median } } }`, medians rounded to integers. */
export interface JsonReport {
  readonly suite: string;
  readonly unit: string;
  readonly scenarios: Record<string, Record<string, number>>;
}

/** The suite's own `--json` object when it gives one, else the default JsonReport. */
export function toJson(result: SuiteResult): JsonReport | Readonly<Record<string, unknown>> {
  if (result.json !== undefined) return result.json;
  const scenarios: Record<string, Record<string, number>> = {};
  for (const s of result.scenarios) {
    const row: Record<string, number> = {};
    for (const [contender, values] of s.samples) row[contender] = Math.round(median(values));
    scenarios[s.name] = row;
  }
  return { suite: result.suite, unit: result.unit, scenarios };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A readable report: per scenario, each contender's median, the spread of its rounds
 * (min-max), and its median divided by each anchor's (1.25x = 25% more than the anchor).
 */
export function toTable(result: SuiteResult): string {
  const lines: string[] = [];
  const better = result.higherIsBetter ? 'higher is better' : 'lower is better';
  lines.push(`${result.suite}: ${result.unit}, median of ${result.rounds} round(s) after ${result.warmupRounds} warm-up (${better})`);
  for (const s of result.scenarios) {
    const medians = new Map([...s.samples].map(([name, values]) => [name, median(values)]));
    const header = ['contender', `median ${result.unit}`, 'min-max', ...result.anchors.map((a) => `vs ${a}`)];
    const rows = [...s.samples].map(([name, values]) => {
      const m = medians.get(name) as number;
      return [
        name,
        integer.format(m),
        `${integer.format(Math.min(...values))}-${integer.format(Math.max(...values))}`,
        ...result.anchors.map((a) => {
          const anchor = medians.get(a);
          return anchor === undefined || anchor === 0 ? '-' : `${(m / anchor).toFixed(2)}x`;
        }),
      ];
    });
    lines.push('', `${s.name} (${s.description})`, ...grid([header, ...rows]));
  }
  if (result.notes !== undefined && result.notes.length > 0) lines.push('', ...result.notes);
  return lines.join('\n');
}

/** Aligns columns: the first left-aligned, the rest right-aligned. */
function grid(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  '));
}
