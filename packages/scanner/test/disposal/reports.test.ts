import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditDisposal } from '../../src/disposal/auditDisposal.js';
import { combineReports } from '../../src/report/combineReports.js';
import { formatGithub } from '../../src/report/formatGithub.js';
import { formatJson } from '../../src/report/formatJson.js';
import { formatReport } from '../../src/report/formatReport.js';
import { formatSarif, NO_HOME_PATH_HELP_URI, NO_LEAKED_RESOURCE_HELP_URI, SARIF_FINGERPRINT_KEY } from '../../src/report/formatSarif.js';
import { formatText } from '../../src/report/formatText.js';
import { summaryLine } from '../../src/report/summary.js';
import { scanPaths } from '../../src/scanPaths.js';
import type { DisposalScanResult } from '../../src/types.js';
import { makeProject } from './project.js';

function audited(files: Readonly<Record<string, string>> = {}): { result: DisposalScanResult; dir: string } {
  using project = makeProject(files);
  return { result: auditDisposal(['.'], { cwd: project.dir }), dir: project.dir };
}

describe('reports of the disposal audit', { timeout: 60_000 }, () => {
  let result: DisposalScanResult;
  let dir: string;
  beforeAll(() => {
    ({ result, dir } = audited());
  }, 60_000);

  it('SARIF: one run listing the no-leaked-resource rule, results with relative URIs, 1-based regions and fingerprints', () => {
    const text = formatSarif(result);
    const log = JSON.parse(text) as Log;
    const run = log.runs[0];
    expect(run?.tool.driver.rules).toEqual([
      expect.objectContaining({ id: 'no-leaked-resource', shortDescription: { text: 'Resource not released on every path' }, helpUri: NO_LEAKED_RESOURCE_HELP_URI, defaultConfiguration: { level: 'error' } }),
    ]);
    expect(NO_LEAKED_RESOURCE_HELP_URI).toBe('https://github.com/leakguard/leakguard/blob/main/eslint-plugin/docs/rules/no-leaked-resource.md');
    const [first] = result.findings;
    expect(run?.results?.[0]).toEqual({
      ruleId: 'no-leaked-resource',
      ruleIndex: 0,
      level: 'error',
      message: { text: first?.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/leaky.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: first?.column, endLine: 4, endColumn: first?.endColumn } } }],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: first?.fingerprint },
    });
    expect(run?.results).toHaveLength(2);
    expect(text).not.toContain(dir);
  });

  it('JSON, text and GitHub annotations carry the rule and the summary', () => {
    const json = JSON.parse(formatJson(result)) as { summary: Record<string, unknown>; findings: Record<string, unknown>[] };
    expect(json.summary).toMatchObject({ findings: 2, filesWithFindings: 2, filesScanned: 4, project: 'tsconfig.json', projectFiles: 4 });
    expect(json.findings[0]).toMatchObject({ ruleId: 'no-leaked-resource', file: 'src/leaky.ts', line: 4, resource: 'client', leakPath: expect.any(String) as unknown });
    expect(formatJson(result)).not.toContain(dir);
    const text = formatText(result);
    expect(text).toMatch(/^src\/leaky\.ts\n {2}4:\d+ {2}.*client/u);
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 leaked resources in 2 files (4 files analysed, project tsconfig.json)');
    expect(formatGithub(result)).toMatch(/^::error file=src\/leaky\.ts,line=4,col=\d+,endLine=4,endColumn=\d+,title=no-leaked-resource::/u);
    expect(summaryLine({ ...result, findings: [] })).toBe('no leaked resources in 4 files (project tsconfig.json)');
  });

  it('combines the reports of both audits into one JSON object and one SARIF run with both rules', () => {
    using project = makeProject({ 'notes.txt': 'see /home/ana/x\n' });
    const paths = scanPaths(['.'], { cwd: project.dir });
    const disposal = auditDisposal(['.'], { cwd: project.dir });
    const both = (format: 'json' | 'sarif' | 'text' | 'github') =>
      combineReports(format, [
        { audit: 'paths', report: formatReport(paths, format) },
        { audit: 'disposal', report: formatReport(disposal, format) },
      ]);
    const log = JSON.parse(both('sarif')) as Log;
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run?.tool.driver.rules?.map((r) => [r.id, r.helpUri])).toEqual([
      ['no-home-path', NO_HOME_PATH_HELP_URI],
      ['no-leaked-resource', NO_LEAKED_RESOURCE_HELP_URI],
    ]);
    expect(run?.results?.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['no-home-path', 0],
      ['no-leaked-resource', 1],
      ['no-leaked-resource', 1],
    ]);
    const json = JSON.parse(both('json')) as { summary: Record<string, number>; audits: { audit: string }[]; findings: { ruleId: string }[] };
    expect(json.summary).toMatchObject({ findings: 3 });
    expect(json.audits.map((a) => a.audit)).toEqual(['paths', 'disposal']);
    expect(json.findings.map((f) => f.ruleId)).toEqual(['no-home-path', 'no-leaked-resource', 'no-leaked-resource']);
    expect(both('text')).toContain('1 home-directory path in 1 file');
    expect(both('text')).toContain('2 leaked resources in 2 files');
    expect(both('github').match(/^::error /gmu)).toHaveLength(3);
    expect(combineReports('json', [{ audit: 'paths', report: 'as is' }])).toBe('as is');
  });
});
