import picocolors from 'picocolors';
import type { AuditResult, ReportFinding } from '../types.js';
import { lineExcerpt } from './lineExcerpt.js';
import { sanitize, skippedAndNotesLines, summaryLine } from './summary.js';

/** Options of `formatText`. */
export interface TextFormatOptions {
  /** ANSI colours: file names underlined, positions dimmed, matches in bold red. Without colour a `^^^` line marks the match. Default false. */
  readonly color?: boolean;
}

/**
 * The human report: the findings grouped by file, each `  line:col  message` followed by the
 * source line with the match marked; then the skipped files (binary ones only counted) and
 * the notes, each list cut after 20 entries; then the summary line. A clean run with nothing
 * skipped is the summary line alone.
 */
export function formatText(result: AuditResult, options: TextFormatOptions = {}): string {
  const color = options.color === true;
  const c = picocolors.createColors(color);
  const out: string[] = [];
  for (const [file, findings] of groupByFile<ReportFinding>(result.findings)) {
    out.push(c.underline(sanitize(file)));
    const width = findings.reduce((max, f) => Math.max(max, `${f.line}:${f.column}`.length), 0);
    const indent = ' '.repeat(2 + width + 2);
    for (const f of findings) {
      out.push(`  ${c.dim(`${f.line}:${f.column}`.padEnd(width))}  ${f.message}`);
      const { before, match, after } = lineExcerpt(f);
      out.push(`${indent}${before}${c.bold(c.red(match))}${after}`);
      if (!color) out.push(`${indent}${' '.repeat(before.length)}${'^'.repeat(Math.max(1, match.length))}`);
    }
    out.push('');
  }
  out.push(...skippedAndNotesLines(result).map((line) => c.dim(line)));
  // Last, where a terminal leaves it in view.
  out.push(result.findings.length === 0 ? c.green(summaryLine(result)) : c.bold(c.red(summaryLine(result))));
  return `${out.join('\n')}\n`;
}

/** Findings by file, files in first-seen order (the walk's sorted order). */
export function groupByFile<F extends ReportFinding>(findings: readonly F[]): Map<string, F[]> {
  const byFile = new Map<string, F[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list === undefined) byFile.set(f.file, [f]);
    else list.push(f);
  }
  return byFile;
}
