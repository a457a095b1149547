import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatSarif, NO_HOME_PATH_HELP_URI, SARIF_FINGERPRINT_KEY, toRelativeUri } from '../../src/report/formatSarif.js';
import { scanPaths } from '../../src/scanPaths.js';
import { scannerVersion } from '../../src/version.js';
import { finding, result } from '../support/results.js';
import { makeTree } from '../support/tree.js';

function sarifOf(text: string): Log {
  return JSON.parse(text) as Log;
}

describe('formatSarif', () => {
  it('writes a SARIF 2.1.0 log with the leakguard driver and the no-home-path rule', () => {
    const log = sarifOf(formatSarif(result({ findings: [finding()] })));
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run?.tool.driver).toMatchObject({ name: 'leakguard', informationUri: 'https://github.com/leakguard/leakguard', version: scannerVersion() });
    expect(run?.tool.driver.rules).toEqual([
      expect.objectContaining({ id: 'no-home-path', shortDescription: { text: 'Hard-coded home-directory path' }, helpUri: NO_HOME_PATH_HELP_URI, defaultConfiguration: { level: 'error' } }),
    ]);
    expect(NO_HOME_PATH_HELP_URI).toBe('https://github.com/leakguard/leakguard/blob/main/eslint-plugin/docs/rules/no-home-path.md');
    expect(run?.columnKind).toBe('utf16CodeUnits');
    expect(run?.results).toEqual([
      {
        ruleId: 'no-home-path',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'hard-coded home directory of user "ana" (/home/ana); use os.homedir()' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/config.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 18 } } }],
        partialFingerprints: { [SARIF_FINGERPRINT_KEY]: 'f'.repeat(64) },
      },
    ]);
  });

  it('gives relative URIs with forward slashes and 1-based positions for a real scan, and no absolute path', () => {
    using tree = makeTree({ 'docs/my notes#1.md': 'x\n/Users/bob/y\n', 'src/deep/a.ts': 'const a = "/home/ana";\n' });
    const text = formatSarif(scanPaths(['.'], { cwd: tree.dir }));
    const locations = sarifOf(text).runs[0]?.results?.map((r) => r.locations?.[0]?.physicalLocation);
    expect(locations).toEqual([
      { artifactLocation: { uri: 'docs/my%20notes%231.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 11 } },
      { artifactLocation: { uri: 'src/deep/a.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 12, endLine: 1, endColumn: 21 } },
    ]);
    expect(text).not.toContain(tree.dir);
  });

  it('gives URIs relative to the scanned directory when it lies outside the cwd, never leaving %SRCROOT%', () => {
    using tree = makeTree({ 'proj/p.txt': '', 'other/o.txt': '/home/ana' });
    const log = sarifOf(formatSarif(scanPaths(['../other'], { cwd: tree.path('proj') })));
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({ uri: 'o.txt', uriBaseId: '%SRCROOT%' });
  });

  it('keeps partialFingerprints equal when a line is inserted above, and tells identical lines apart', () => {
    using tree = makeTree({ 'a.ts': 'const a = "/home/ana";\nconst a = "/home/ana";\n' });
    const fingerprints = (): (string | undefined)[] => sarifOf(formatSarif(scanPaths(['.'], { cwd: tree.dir }))).runs[0]?.results?.map((r) => r.partialFingerprints?.[SARIF_FINGERPRINT_KEY]) ?? [];
    const before = fingerprints();
    tree.write('a.ts', '// inserted\n\nconst a = "/home/ana";\nconst a = "/home/ana";\n');
    expect(fingerprints()).toEqual(before);
    expect(new Set(before).size).toBe(2);
  });

  it('lists skipped files (not binary ones) and notes as tool execution notifications', () => {
    const log = sarifOf(
      formatSarif(
        result({
          skipped: [
            { file: 'a.png', reason: 'binary', detail: '' },
            { file: 'big.sql', reason: 'too-large', detail: '3 MiB, over the 2 MiB limit' },
          ],
          notes: [{ file: 'x.ts', kind: 'parse-error', detail: 'bad' }],
        }),
      ),
    );
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'warning', descriptor: { id: 'too-large' }, message: { text: 'skipped big.sql: too large: 3 MiB, over the 2 MiB limit' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'big.sql', uriBaseId: '%SRCROOT%' } } }] },
          { level: 'note', descriptor: { id: 'parse-error' }, message: { text: 'x.ts: bad' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'x.ts', uriBaseId: '%SRCROOT%' } } }] },
        ],
      },
    ]);
  });

  it('encodes each path segment and keeps the slashes', () => {
    expect(toRelativeUri('a b/c%d/é.ts')).toBe('a%20b/c%25d/%C3%A9.ts');
  });
});
