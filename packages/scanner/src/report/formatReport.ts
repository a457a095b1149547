import type { AuditResult } from '../types.js';
import { formatGithub } from './formatGithub.js';
import { formatJson } from './formatJson.js';
import { formatSarif } from './formatSarif.js';
import type { TextFormatOptions } from './formatText.js';
import { formatText } from './formatText.js';

/** The report formats, in the order `--help` lists them. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;

/** One of `REPORT_FORMATS`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report of `result` in `format`; `options.color` applies to `text` only (default false). */
export function formatReport(result: AuditResult, format: ReportFormat, options: TextFormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(result, options);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
    case 'github':
      return formatGithub(result);
  }
}

/** Whether `value` names a report format. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}
