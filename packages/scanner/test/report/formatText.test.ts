import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/formatText.js';
import { finding, result } from '../support/results.js';

describe('formatText', () => {
  it('prints one summary line when there is nothing to report', () => {
    expect(formatText(result())).toBe('no home-directory paths in 10 files (0 skipped)\n');
  });

  it('lists the skipped files and notes before the summary of a clean run too', () => {
    const text = formatText(
      result({
        skipped: [
          { file: 'a.png', reason: 'binary', detail: '' },
          { file: 'locked/', reason: 'unreadable', detail: 'EACCES: permission denied' },
        ],
        notes: [{ file: 'x.ts', kind: 'parse-error', detail: "')' expected; scanned as plain text" }],
      }),
    );
    expect(text).toBe(
      [
        'skipped:',
        '  1 binary file',
        '  locked/  unreadable: EACCES: permission denied',
        'notes:',
        "  x.ts  parse error: ')' expected; scanned as plain text",
        'no home-directory paths in 10 files (2 skipped)',
        '',
      ].join('\n'),
    );
  });

  it('groups findings by file, with aligned positions, the line and a caret line, then the skipped files and the summary', () => {
    const text = formatText(
      result({
        findings: [finding(), finding({ line: 12, column: 3, endLine: 12, endColumn: 12, lineText: '  /home/ana', fingerprint: 'e' }), finding({ file: 'README.md', line: 1, column: 1, endColumn: 10, lineText: '/home/ana' })],
        skipped: [{ file: 'big.bin', reason: 'too-large', detail: '3 MiB, over the 2 MiB limit' }],
      }),
    );
    expect(text).toBe(
      [
        'src/config.ts',
        '  3:9   hard-coded home directory of user "ana" (/home/ana); use os.homedir()',
        "        dir: '/home/ana/data',",
        '              ^^^^^^^^^',
        '  12:3  hard-coded home directory of user "ana" (/home/ana); use os.homedir()',
        '        /home/ana',
        '        ^^^^^^^^^',
        '',
        'README.md',
        '  1:1  hard-coded home directory of user "ana" (/home/ana); use os.homedir()',
        '       /home/ana',
        '       ^^^^^^^^^',
        '',
        'skipped:',
        '  big.bin  too large: 3 MiB, over the 2 MiB limit',
        '3 home-directory paths in 2 files (10 files scanned, 1 skipped)',
        '',
      ].join('\n'),
    );
  });

  it('highlights the match in colour instead of the caret line', () => {
    const text = formatText(result({ findings: [finding()] }), { color: true });
    expect(text).toContain("dir: '\u001b[1m\u001b[31m/home/ana\u001b[39m\u001b[22m/data',");
    expect(text).toContain('\u001b[4msrc/config.ts\u001b[24m');
    expect(text).not.toContain('^^^');
  });

  it('never prints control characters from the scanned file', () => {
    const text = formatText(result({ findings: [finding({ lineText: "\u001b]0;pwned\u0007dir: '/home/ana'", column: 19, endColumn: 28 })] }));
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/u);
  });
});
