import type { AuditResult } from '../types.js';
import { noteLabel, reasonLabel, summaryLine } from './summary.js';

/**
 * GitHub Actions workflow commands, shown as annotations on the pull request: one
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule id>::message` per finding,
 * one `::warning file=…::message` per skipped file (binary ones are only counted in the
 * summary, as a tree has many images) and per note, then the summary as a plain line. Every
 * file name and message is escaped, so no text from the scanned tree can start a command of
 * its own: the runner trims a line and runs it if it starts with `::`, and the summary starts
 * with a count or `no`.
 */
export function formatGithub(result: AuditResult): string {
  const lines = result.findings.map(
    (f) =>
      `::error file=${escapeProperty(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(f.ruleId)}::${escapeData(f.message)}`,
  );
  for (const s of result.skipped) if (s.reason !== 'binary') lines.push(warning(s.file, `skipped (${reasonLabel(s.reason)}): ${s.detail}`));
  for (const n of result.notes) lines.push(warning(n.file, `${noteLabel(n.kind)}: ${n.detail}`));
  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
}

function warning(file: string, message: string): string {
  return `::warning file=${escapeProperty(file)}::${escapeData(message)}`;
}

/** A workflow command's message: `%`, CR and LF escaped, as the Actions toolkit does. */
export function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** A workflow command's property value: as `escapeData`, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}
