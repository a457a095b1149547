import { describe, expect, it } from 'vitest';
import { plural, sanitize, skippedAndNotesLines, summaryLine } from '../../src/report/summary.js';
import { finding, result } from '../support/results.js';

describe('summaryLine', () => {
  it('says there is nothing, with the skipped count, and the suppressed and baselined counts when there are any', () => {
    expect(summaryLine(result())).toBe('no home-directory paths in 10 files (0 skipped)');
    expect(summaryLine(result({ filesScanned: 1, suppressed: 2, baselined: 3 }))).toBe('no home-directory paths in 1 file (0 skipped, 2 suppressed, 3 baselined)');
  });

  it('counts findings and the files they are in', () => {
    const findings = [finding(), finding({ line: 9 }), finding({ file: 'b.md' })];
    expect(summaryLine(result({ findings, skipped: [{ file: 'x', reason: 'binary', detail: '' }] }))).toBe('3 home-directory paths in 2 files (10 files scanned, 1 skipped)');
    expect(summaryLine(result({ findings: [finding()], filesScanned: 1 }))).toBe('1 home-directory path in 1 file (1 file scanned, 0 skipped)');
  });
});

describe('skippedAndNotesLines', () => {
  it('counts binary files, lists the others with their reason, and lists notes', () => {
    const lines = skippedAndNotesLines(
      result({
        skipped: [
          { file: 'a.png', reason: 'binary', detail: 'NUL' },
          { file: 'b.png', reason: 'binary', detail: 'NUL' },
          { file: 'dump.sql', reason: 'too-large', detail: '3 MiB, over the 2 MiB limit' },
          { file: 'link', reason: 'symlink-outside-root', detail: 'points to /etc' },
        ],
        notes: [{ file: 'x.ts', kind: 'parse-error', detail: "')' expected; scanned as plain text" }],
      }),
    );
    expect(lines).toEqual([
      'skipped:',
      '  2 binary files',
      '  dump.sql  too large: 3 MiB, over the 2 MiB limit',
      '  link  symbolic link outside the root: points to /etc',
      'notes:',
      "  x.ts  parse error: ')' expected; scanned as plain text",
    ]);
  });

  it('cuts long lists after 20 entries', () => {
    const skipped = Array.from({ length: 25 }, (_, i) => ({ file: `f${i}`, reason: 'unreadable' as const, detail: 'EACCES' }));
    const lines = skippedAndNotesLines(result({ skipped }));
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('  … and 5 more (--format json lists them all)');
  });
});

describe('sanitize', () => {
  it('turns tabs into spaces and control and bidi characters into U+FFFD', () => {
    expect(sanitize('a\tb\u001b[31mc\u202ed\n')).toBe('a b\uFFFD[31mc\uFFFDd\uFFFD');
    expect(plural(0, 'file')).toBe('0 files');
  });
});
