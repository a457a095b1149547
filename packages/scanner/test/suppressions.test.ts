import { describe, expect, it } from 'vitest';
import { isSuppressed, parseSuppressions } from '../src/suppressions.js';

const RULE = 'no-home-path';

function suppressedLines(text: string, lines = 12): number[] {
  const s = parseSuppressions(text);
  return Array.from({ length: lines }, (_, i) => i + 1).filter((line) => isSuppressed(s, RULE, line));
}

describe('parseSuppressions', () => {
  it('suppresses the line after a next-line directive in every comment syntax', () => {
    const syntaxes = [
      '// leakguard-ignore-next-line no-home-path',
      '# leakguard-ignore-next-line no-home-path',
      '<!-- leakguard-ignore-next-line no-home-path -->',
      '/* leakguard-ignore-next-line no-home-path */',
      '-- leakguard-ignore-next-line no-home-path',
      '; leakguard-ignore-next-line no-home-path',
    ];
    for (const directive of syntaxes) expect(suppressedLines(`a\n${directive}\nb\nc`), directive).toEqual([3]);
  });

  it('suppresses its own line with ignore-line', () => {
    expect(suppressedLines('a\nb // leakguard-ignore-line no-home-path\nc')).toEqual([2]);
  });

  it('suppresses the whole file with ignore-file in the first five lines only', () => {
    expect(suppressedLines('#!/bin/sh\n\n\n\n# leakguard-ignore-file no-home-path\nx', 3)).toEqual([1, 2, 3]);
    expect(suppressedLines('1\n2\n3\n4\n5\n# leakguard-ignore-file no-home-path\nx', 7)).toEqual([]);
  });

  it('treats a directive without rule ids as all rules, and one naming other rules as not this one', () => {
    expect(suppressedLines('// leakguard-ignore-next-line\nx')).toEqual([2]);
    expect(suppressedLines('// leakguard-ignore-next-line -- a reason\nx')).toEqual([2]);
    expect(suppressedLines('<!-- leakguard-ignore-next-line -->\nx')).toEqual([2]);
    expect(suppressedLines('// leakguard-ignore-next-line no-leaked-resource\nx')).toEqual([]);
  });

  it('accepts comma-separated rule ids, with or without the leakguard/ prefix, and a reason after them', () => {
    expect(suppressedLines('// leakguard-ignore-next-line no-leaked-resource, leakguard/no-home-path -- fixture\nx')).toEqual([2]);
  });

  it('counts \\r\\n and lone \\r line ends the way findings do', () => {
    expect(suppressedLines('a\r\n// leakguard-ignore-next-line\r\nb\r\nc')).toEqual([3]);
    expect(suppressedLines('a\r// leakguard-ignore-next-line\rb\rc')).toEqual([3]);
  });

  it('does not take a longer word for a directive', () => {
    expect(suppressedLines('// leakguard-ignore-next-lines\nx\n// my-leakguard-ignore-line\n')).toEqual([]);
  });
});
