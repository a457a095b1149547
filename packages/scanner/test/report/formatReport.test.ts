import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/report/formatGithub.js';
import { formatJson } from '../../src/report/formatJson.js';
import { formatReport, isReportFormat, REPORT_FORMATS } from '../../src/report/formatReport.js';
import { formatSarif } from '../../src/report/formatSarif.js';
import { formatText } from '../../src/report/formatText.js';
import { finding, result } from '../support/results.js';

describe('formatReport', () => {
  it('dispatches to each format, passing colour to text only', () => {
    const r = result({ findings: [finding()] });
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'sarif', 'github']);
    expect(formatReport(r, 'text', { color: true })).toBe(formatText(r, { color: true }));
    expect(formatReport(r, 'json', { color: true })).toBe(formatJson(r));
    expect(formatReport(r, 'sarif')).toBe(formatSarif(r));
    expect(formatReport(r, 'github')).toBe(formatGithub(r));
  });

  it('recognises exactly the format names', () => {
    expect(REPORT_FORMATS.every(isReportFormat)).toBe(true);
    expect(isReportFormat('xml')).toBe(false);
    expect(isReportFormat('SARIF')).toBe(false);
  });
});
