// `leakguard audit` without an audit name runs every audit; its report is one document, so a
// CI job uploads one SARIF file and a tool parses one JSON object. Each audit formats its own
// result; this joins the documents, which is all a front end that runs audits one by one has.
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { ReportFormat } from './formatReport.js';

/** One audit's report, in the format asked for. */
export interface AuditReport {
  /** The audit's name (`paths`, `disposal`). */
  readonly audit: string;
  readonly report: string;
}

/**
 * The reports of several audits, all in `format`, as one report:
 * - `text` and `github`: one after the other (each ends with its own summary line);
 * - `json`: one object, `{ version: 1, tool, summary, audits, findings, skipped, notes }`, where
 *   `summary` adds up the counts, `audits` holds each audit's own summary and the lists are
 *   concatenated;
 * - `sarif`: one run with every audit's rules (results' `ruleIndex` renumbered), results and
 *   notifications, as GitHub code scanning wants one run per tool.
 * A single report is returned unchanged.
 */
export function combineReports(format: ReportFormat, reports: readonly AuditReport[]): string {
  if (reports.length === 1) return (reports[0] as AuditReport).report;
  switch (format) {
    case 'text':
      return reports.map((r) => r.report).join('\n');
    case 'github':
      return reports.map((r) => r.report).join('');
    case 'json':
      return combineJson(reports);
    case 'sarif':
      return combineSarif(reports);
  }
}

interface JsonReport {
  readonly version: 1;
  readonly tool: unknown;
  readonly summary: Readonly<Record<string, unknown>>;
  readonly findings: readonly unknown[];
  readonly skipped: readonly unknown[];
  readonly notes: readonly unknown[];
}

const SUMMED = ['findings', 'filesWithFindings', 'skipped', 'suppressed', 'baselined'] as const;

function combineJson(reports: readonly AuditReport[]): string {
  const parsed = reports.map((r) => ({ audit: r.audit, json: JSON.parse(r.report) as JsonReport }));
  const summary: Record<string, number> = {};
  for (const key of SUMMED) summary[key] = parsed.reduce((sum, p) => sum + Number(p.json.summary[key] ?? 0), 0);
  const combined = {
    version: 1,
    tool: parsed[0]?.json.tool,
    summary,
    audits: parsed.map((p) => ({ audit: p.audit, summary: p.json.summary })),
    findings: parsed.flatMap((p) => p.json.findings),
    skipped: parsed.flatMap((p) => p.json.skipped),
    notes: parsed.flatMap((p) => p.json.notes),
  };
  return `${JSON.stringify(combined, null, 2)}\n`;
}

function combineSarif(reports: readonly AuditReport[]): string {
  const logs = reports.map((r) => JSON.parse(r.report) as Log);
  const [first] = logs;
  const firstRun = first?.runs[0];
  if (first === undefined || firstRun === undefined) throw new Error('combineReports: a SARIF report without a run');
  const rules: ReportingDescriptor[] = [];
  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const run of logs.flatMap((log) => log.runs)) {
    const runRules = run.tool.driver.rules ?? [];
    const index = runRules.map((rule) => {
      const at = rules.findIndex((r) => r.id === rule.id);
      if (at !== -1) return at;
      rules.push(rule);
      return rules.length - 1;
    });
    for (const result of run.results ?? []) results.push(result.ruleIndex === undefined ? result : { ...result, ruleIndex: index[result.ruleIndex] ?? result.ruleIndex });
    for (const invocation of run.invocations ?? []) notifications.push(...(invocation.toolExecutionNotifications ?? []));
  }
  const log: Log = {
    ...first,
    runs: [
      {
        ...firstRun,
        tool: { ...firstRun.tool, driver: { ...firstRun.tool.driver, rules } },
        results,
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
