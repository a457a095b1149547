import { createHash } from 'node:crypto';

/**
 * A finding's identity across runs: SHA-256 (hex) of the rule id, the file, the line's text
 * with runs of whitespace collapsed and the ends trimmed, and `occurrence` (how many earlier
 * findings in the file share that line text). No line number, so inserting or removing lines
 * elsewhere keeps it; re-indenting the line keeps it too.
 */
export function fingerprintOf(ruleId: string, file: string, lineText: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalizeLine(lineText)}\0${occurrence}`).digest('hex');
}

/** The line text a fingerprint depends on. */
export function normalizeLine(lineText: string): string {
  return lineText.trim().replace(/\s+/gu, ' ');
}
