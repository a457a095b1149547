// Wording shared by the reports, the CLI and expectNoHomePaths.
import type { AuditResult, DisposalScanResult, FileNote, SkipReason, SkippedFile } from '../types.js';

/**
 * `2 home-directory paths in 1 file (57 files scanned, 1 skipped)`, or `no home-directory paths
 * in 57 files (1 skipped)`; for the disposal audit `2 leaked resources in 1 file (12 files
 * analysed, project tsconfig.json)`, or `no leaked resources in 12 files (project tsconfig.json)`.
 */
export function summaryLine(result: AuditResult): string {
  if (result.audit === 'disposal') return disposalSummaryLine(result);
  const extras = [`${result.skipped.length} skipped`];
  if (result.suppressed > 0) extras.push(`${result.suppressed} suppressed`);
  if (result.baselined > 0) extras.push(`${result.baselined} baselined`);
  if (result.findings.length === 0) return `no home-directory paths in ${plural(result.filesScanned, 'file')} (${extras.join(', ')})`;
  const files = new Set(result.findings.map((f) => f.file)).size;
  return `${plural(result.findings.length, 'home-directory path')} in ${plural(files, 'file')} (${plural(result.filesScanned, 'file')} scanned, ${extras.join(', ')})`;
}

function disposalSummaryLine(result: DisposalScanResult): string {
  const extras = [`project ${result.project}`];
  if (result.suppressed > 0) extras.push(`${result.suppressed} suppressed`);
  if (result.baselined > 0) extras.push(`${result.baselined} baselined`);
  if (result.filesScanned === 0) return `no leaked resources: no source file of the project under the paths given (${extras.join(', ')})`;
  if (result.findings.length === 0) return `no leaked resources in ${plural(result.filesScanned, 'file')} (${extras.join(', ')})`;
  const files = new Set(result.findings.map((f) => f.file)).size;
  return `${plural(result.findings.length, 'leaked resource')} in ${plural(files, 'file')} (${plural(result.filesScanned, 'file')} analysed, ${extras.join(', ')})`;
}

/** `1 file`, `2 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const REASON_LABELS: Readonly<Record<SkipReason, string>> = {
  binary: 'binary',
  'too-large': 'too large',
  unreadable: 'unreadable',
  'symlink-outside-root': 'symbolic link outside the root',
  'symlink-loop': 'symbolic link loop',
};

/** How a skip reason reads in a sentence. */
export function reasonLabel(reason: SkipReason): string {
  return REASON_LABELS[reason];
}

/** How a note's kind reads in a sentence. */
export function noteLabel(kind: FileNote['kind']): string {
  return NOTE_LABELS[kind];
}

const NOTE_LABELS: Readonly<Record<FileNote['kind'], string>> = {
  'parse-error': 'parse error',
  'invalid-utf8': 'invalid UTF-8',
  'no-source-files': 'nothing to analyse',
};

/** How many entries of each list the text reports print before `… and N more`. */
const LIST_LIMIT = 20;

/**
 * The skipped files and notes as indented lines: binary files only counted (a tree has many
 * images), the others one per line, each list cut after 20 entries.
 */
export function skippedAndNotesLines(result: AuditResult): string[] {
  const lines: string[] = [];
  const binary = result.skipped.filter((s) => s.reason === 'binary').length;
  const others: SkippedFile[] = result.skipped.filter((s) => s.reason !== 'binary');
  if (result.skipped.length > 0) {
    lines.push('skipped:');
    if (binary > 0) lines.push(`  ${plural(binary, 'binary file')}`);
    for (const s of others.slice(0, LIST_LIMIT)) lines.push(`  ${sanitize(s.file)}  ${reasonLabel(s.reason)}: ${sanitize(s.detail)}`);
    if (others.length > LIST_LIMIT) lines.push(`  … and ${others.length - LIST_LIMIT} more (--format json lists them all)`);
  }
  if (result.notes.length > 0) {
    lines.push('notes:');
    for (const n of result.notes.slice(0, LIST_LIMIT)) lines.push(`  ${sanitize(n.file)}  ${noteLabel(n.kind)}: ${sanitize(n.detail)}`);
    if (result.notes.length > LIST_LIMIT) lines.push(`  … and ${result.notes.length - LIST_LIMIT} more (--format json lists them all)`);
  }
  return lines;
}

// C0 and C1 controls (a file can hold terminal escape sequences) and the bidirectional
// overrides of "Trojan Source": a report shows them as U+FFFD instead of obeying them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` made safe to print on a terminal: tabs become spaces, control characters U+FFFD. */
export function sanitize(text: string): string {
  return text.replace(/\t/gu, ' ').replace(UNSAFE, '\uFFFD');
}
