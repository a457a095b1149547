import type { ScanResult } from '../types.js';
import { skippedAndNotesLines, summaryLine } from './summary.js';

/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=no-home-path::message`
 * per finding (shown as annotations on the pull request), then the summary and the skipped
 * files and notes as plain log lines.
 */
export function formatGithub(result: ScanResult): string {
  const lines = result.findings.map(
    (f) =>
      `::error file=${escapeProperty(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(f.ruleId)}::${escapeData(f.message)}`,
  );
  lines.push(summaryLine(result), ...skippedAndNotesLines(result));
  return `${lines.join('\n')}\n`;
}

/** A workflow command's message: `%`, CR and LF escaped, as the Actions toolkit does. */
export function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** A workflow command's property value: as `escapeData`, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}
