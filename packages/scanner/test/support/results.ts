// Hand-made scan results for report tests: exact control over every field.
import type { FileFinding, ScanResult } from '../../src/types.js';

/** A finding of `/home/ana` at line 3, column 9 of `src/config.ts`, with any field replaced. */
export function finding(overrides: Partial<FileFinding> = {}): FileFinding {
  return {
    ruleId: 'no-home-path',
    form: 'posix',
    start: 30,
    end: 39,
    pathEnd: 44,
    user: 'ana',
    text: '/home/ana',
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 18,
    message: 'hard-coded home directory of user "ana" (/home/ana); use os.homedir()',
    file: 'src/config.ts',
    lineText: "  dir: '/home/ana/data',",
    lineTextColumn: 1,
    fingerprint: 'f'.repeat(64),
    ...overrides,
  };
}

/** A scan result with no findings and ten files scanned, with any field replaced. */
export function result(overrides: Partial<ScanResult> = {}): ScanResult {
  return { root: '/tmp/root', findings: [], skipped: [], notes: [], filesScanned: 10, bytesScanned: 1234, suppressed: 0, baselined: 0, ...overrides };
}
