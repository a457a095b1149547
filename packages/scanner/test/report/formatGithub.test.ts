import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/formatGithub.js';
import { finding, result } from '../support/results.js';

/** How the Actions runner reads an escaped property back. */
function unescapeProperty(text: string): string {
  return text.replace(/%2C/gu, ',').replace(/%3A/gu, ':').replace(/%0A/gu, '\n').replace(/%0D/gu, '\r').replace(/%25/gu, '%');
}

describe('formatGithub', () => {
  it('prints an error annotation per finding, then the summary and skipped files as plain lines', () => {
    const text = formatGithub(result({ findings: [finding()], skipped: [{ file: 'x', reason: 'unreadable', detail: 'EACCES' }] }));
    expect(text.split('\n')).toEqual([
      '::error file=src/config.ts,line=3,col=9,endLine=3,endColumn=18,title=no-home-path::hard-coded home directory of user "ana" (/home/ana); use os.homedir()',
      '1 home-directory path in 1 file (10 files scanned, 1 skipped)',
      'skipped:',
      '  x  unreadable: EACCES',
      '',
    ]);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    const text = formatGithub(result({ findings: [finding({ file: 'a,b:c%d.md', message: '100% sure\r\nreally' })] }));
    expect(text.split('\n')[0]).toBe('::error file=a%2Cb%3Ac%25d.md,line=3,col=9,endLine=3,endColumn=18,title=no-home-path::100%25 sure%0D%0Areally');
  });

  it('escapes every string so that the runner reads it back unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const property = escapeProperty(s);
        expect(property).not.toMatch(/[,:\r\n]/u);
        expect(unescapeProperty(property)).toBe(s);
        expect(escapeData(s)).not.toMatch(/[\r\n]/u);
      }),
    );
  });
});
