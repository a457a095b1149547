import type { HandleReport, HandleReportEntry } from './HandleReport.js';

export interface FormatReportOptions {
  /** Indentation put before every line. Default `''`. */
  readonly indent?: string;
  /** Add each site's creation stack (application frames first, as captured). Default false. */
  readonly stacks?: boolean;
}

/** Renders an age in ms the way people read it: `850 ms`, `12.3 s`, `4 min`. */
export function formatAge(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function kindCounts(entry: HandleReportEntry): string {
  const counts = new Map<string, number>();
  for (const h of entry.handles) counts.set(h.kind, (counts.get(h.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (n === 1 ? kind : `${n} × ${kind}`)).join(', ');
}

/**
 * Human text for a HandleReport, one line per creation site:
 * `2 × interval created at src/poller.ts:14:5 (startPolling), oldest 12.3 s`.
 */
export function formatReport(report: HandleReport, options: FormatReportOptions = {}): string {
  const indent = options.indent ?? '';
  if (report.entries.length === 0) return `${indent}no open handles were created while tracking`;
  const lines: string[] = [];
  for (const entry of report.entries) {
    const fn = entry.functionName === undefined || entry.functionName === '<anonymous>' ? '' : ` (${entry.functionName})`;
    const age = entry.count === 1 ? `age ${formatAge(entry.oldestAgeMs)}` : `oldest ${formatAge(entry.oldestAgeMs)}`;
    const dependency = entry.fromDependency ? ' [created by a dependency]' : '';
    lines.push(`${indent}${kindCounts(entry)} created at ${entry.site}${fn}${dependency}, ${age}`);
    if (options.stacks === true) {
      const stack = entry.handles[0]?.stack ?? '';
      for (const frame of stack.split('\n').filter((l) => l.trimStart().startsWith('at '))) lines.push(`${indent}    ${frame.trim()}`);
    }
  }
  return lines.join('\n');
}
