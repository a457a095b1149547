import { describe, expect, it } from 'vitest';
import { lineExcerpt } from '../../src/report/lineExcerpt.js';
import { finding } from '../support/results.js';

describe('lineExcerpt', () => {
  it('splits the line around the match, without its indentation', () => {
    expect(lineExcerpt(finding())).toEqual({ before: "dir: '", match: '/home/ana', after: "/data'," });
  });

  it('runs a match that ends on a later line to the end of its first line', () => {
    expect(lineExcerpt(finding({ endLine: 4, endColumn: 2 })).after).toBe('');
    expect(lineExcerpt(finding({ endLine: 4, endColumn: 2 })).match).toBe("/home/ana/data',");
  });

  it('cuts a long line to 160 characters around the match and marks the cuts', () => {
    const lineText = `${'a'.repeat(300)}/home/ana${'b'.repeat(300)}`;
    const excerpt = lineExcerpt(finding({ lineText, column: 301, endColumn: 310 }));
    expect(excerpt.before).toBe(`…${'a'.repeat(40)}`);
    expect(excerpt.match).toBe('/home/ana');
    expect(excerpt.after).toBe(`${'b'.repeat(111)}…`);
  });

  it('marks a line the scanner already cut', () => {
    const excerpt = lineExcerpt(finding({ lineText: 'xx/home/ana yy', lineTextColumn: 5000, column: 5002, endColumn: 5011 }));
    expect(excerpt).toEqual({ before: '…xx', match: '/home/ana', after: ' yy' });
  });
});
