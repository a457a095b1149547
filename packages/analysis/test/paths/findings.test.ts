import { describe, expect, it } from 'vitest';
import type { HomePathMatch } from '../../src/index.js';
import { NO_HOME_PATH, findHomePaths, homePathMessage, toFindings } from '../../src/index.js';

describe('homePathMessage', () => {
  it('names the user and the path, and what to use instead', () => {
    const [match] = findHomePaths('C:\\Users\\dmitri\\x');
    expect(homePathMessage(match as HomePathMatch)).toBe('hard-coded home directory of user "dmitri" (C:\\Users\\dmitri); use os.homedir(), a configured path or a path relative to the project');
  });

  it('explains tilde', () => {
    const tilde: HomePathMatch = { form: 'tilde', start: 0, end: 1, pathEnd: 5, user: '', text: '~' };
    expect(homePathMessage(tilde)).toMatch(/"~\/" is not expanded by Node\.js; use path\.join\(os\.homedir\(\), \.\.\.\)/u);
  });
});

describe('toFindings', () => {
  it('places matches on 1-based lines and columns with \\n, \\r\\n and \\r line ends', () => {
    const text = 'one\n  /home/ana/x\r\n\r\n\t/Users/bob\rC:\\Users\\carl';
    const findings = toFindings(text, findHomePaths(text));
    expect(findings.map((f) => [f.user, f.line, f.column, f.endLine, f.endColumn])).toEqual([
      ['ana', 2, 3, 2, 12],
      ['bob', 4, 2, 4, 12],
      ['carl', 5, 1, 5, 14],
    ]);
    expect(findings.every((f) => f.ruleId === NO_HOME_PATH && f.message === homePathMessage(f))).toBe(true);
  });

  it('counts columns in UTF-16 code units', () => {
    const text = 'x\n😀é /home/ana';
    expect(toFindings(text, findHomePaths(text)).map((f) => [f.line, f.column])).toEqual([[2, 5]]);
  });

  it('keeps the order and fields of the matches given', () => {
    const text = '/home/ana /home/bob';
    const matches = findHomePaths(text).reverse();
    const findings = toFindings(text, matches);
    expect(findings.map((f) => f.user)).toEqual(['bob', 'ana']);
    expect(findings[0]).toMatchObject(matches[0] as HomePathMatch);
  });

  it('returns nothing for no matches', () => {
    expect(toFindings('a\nb', [])).toEqual([]);
  });

  it('places a match at the very end of a long text', () => {
    const text = 'x\r\n'.repeat(100_000) + '/home/ana';
    expect(toFindings(text, findHomePaths(text)).map((f) => [f.line, f.column])).toEqual([[100_001, 1]]);
  });
});
