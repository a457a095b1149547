import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/formatJson.js';
import { scannerVersion } from '../../src/version.js';
import { finding, result } from '../support/results.js';

describe('formatJson', () => {
  it('writes the summary, each finding, the skipped files and the notes, without the absolute root', () => {
    const text = formatJson(
      result({
        findings: [finding()],
        skipped: [{ file: 'a.png', reason: 'binary', detail: 'x' }],
        notes: [{ file: 'b.ts', kind: 'parse-error', detail: 'y' }],
        suppressed: 2,
      }),
    );
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(report).toEqual({
      version: 1,
      tool: { name: 'leakguard', version: scannerVersion() },
      summary: { findings: 1, filesWithFindings: 1, filesScanned: 10, bytesScanned: 1234, skipped: 1, suppressed: 2, baselined: 0 },
      findings: [
        {
          ruleId: 'no-home-path',
          file: 'src/config.ts',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 18,
          message: 'hard-coded home directory of user "ana" (/home/ana); use os.homedir()',
          form: 'posix',
          user: 'ana',
          text: '/home/ana',
          lineText: "  dir: '/home/ana/data',",
          lineTextColumn: 1,
          fingerprint: 'f'.repeat(64),
        },
      ],
      skipped: [{ file: 'a.png', reason: 'binary', detail: 'x' }],
      notes: [{ file: 'b.ts', kind: 'parse-error', detail: 'y' }],
    });
    expect(text).not.toContain('/tmp/root');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
