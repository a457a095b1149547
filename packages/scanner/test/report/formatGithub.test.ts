import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/formatGithub.js';
import { finding, result } from '../support/results.js';

/** How the Actions runner reads an escaped property back. */
function unescapeProperty(text: string): string {
  return text.replace(/%2C/gu, ',').replace(/%3A/gu, ':').replace(/%0A/gu, '\n').replace(/%0D/gu, '\r').replace(/%25/gu, '%');
}

function unescapeData(text: string): string {
  return text.replace(/%0A/gu, '\n').replace(/%0D/gu, '\r').replace(/%25/gu, '%');
}

interface WorkflowCommand {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly data: string;
}

/** The workflow commands in a log, read as the Actions runner reads them: each line trimmed, `::command key=value,…::data`. */
function workflowCommands(log: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of log.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('::')) continue;
    const end = trimmed.indexOf('::', 2);
    if (end === -1) continue;
    const info = trimmed.slice(2, end);
    const space = info.indexOf(' ');
    const properties: Record<string, string> = {};
    if (space !== -1) {
      for (const pair of info.slice(space + 1).split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    commands.push({ command: space === -1 ? info : info.slice(0, space), properties, data: unescapeData(trimmed.slice(end + 2)) });
  }
  return commands;
}

describe('formatGithub', () => {
  it('prints an error annotation per finding, a warning per skipped file (binary ones only counted) and per note, then the summary', () => {
    const text = formatGithub(
      result({
        findings: [finding()],
        skipped: [
          { file: 'a.png', reason: 'binary', detail: 'a NUL byte in the first 8 KiB' },
          { file: 'x', reason: 'unreadable', detail: 'EACCES: permission denied' },
        ],
        notes: [{ file: 'y.ts', kind: 'parse-error', detail: "')' expected; scanned as plain text" }],
      }),
    );
    expect(text.split('\n')).toEqual([
      '::error file=src/config.ts,line=3,col=9,endLine=3,endColumn=18,title=no-home-path::hard-coded home directory of user "ana" (/home/ana); use os.homedir()',
      '::warning file=x::skipped (unreadable): EACCES: permission denied',
      "::warning file=y.ts::parse error: ')' expected; scanned as plain text",
      '1 home-directory path in 1 file (10 files scanned, 2 skipped)',
      '',
    ]);
  });

  it('never lets a file name start a workflow command of its own', () => {
    const fake = '::error file=x.ts,line=1::fake';
    const text = formatGithub(
      result({
        skipped: [{ file: fake, reason: 'unreadable', detail: `${fake}\n${fake}` }],
        notes: [{ file: `a\n${fake}`, kind: 'invalid-utf8', detail: 'x' }],
      }),
    );
    expect(workflowCommands(text)).toEqual([
      { command: 'warning', properties: { file: fake }, data: `skipped (unreadable): ${fake}\n${fake}` },
      { command: 'warning', properties: { file: `a\n${fake}` }, data: 'invalid UTF-8: x' },
    ]);
  });

  it('emits exactly one command per finding, skipped file and note, whatever their names and details', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, detail) => {
        const text = formatGithub(
          result({
            findings: [finding({ file: name, message: detail })],
            skipped: [{ file: name, reason: 'too-large', detail }],
            notes: [{ file: name, kind: 'parse-error', detail }],
          }),
        );
        // The runner trims each line, so a message loses its trailing whitespace (as any step's output does).
        expect(workflowCommands(text).map((c) => ({ ...c, data: c.data.trimEnd() }))).toEqual([
          { command: 'error', properties: { file: name, line: '3', col: '9', endLine: '3', endColumn: '18', title: 'no-home-path' }, data: detail.trimEnd() },
          { command: 'warning', properties: { file: name }, data: `skipped (too large): ${detail}`.trimEnd() },
          { command: 'warning', properties: { file: name }, data: `parse error: ${detail}`.trimEnd() },
        ]);
      }),
    );
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
