import { scannerVersion } from '../version.js';
import type { AuditResult, DisposalFileFinding, FileFinding, ReportFinding } from '../types.js';

/**
 * The machine-readable report (`version: 1`): the tool, a summary with every count, each
 * finding (rule id, file relative to the root with forward slashes, 1-based positions, message,
 * line text, fingerprint, and the rule's own fields: form, user and matched text for
 * `no-home-path`; resource, acquiredBy, leakPath and the exit's line and column for
 * `no-leaked-resource`), the skipped files and the notes. The disposal audit's summary also
 * names the project and counts its files. Absolute paths are left out, so the report is the
 * same on every machine.
 */
export function formatJson(result: AuditResult): string {
  const summary = {
    findings: result.findings.length,
    filesWithFindings: new Set(result.findings.map((f) => f.file)).size,
    filesScanned: result.filesScanned,
    bytesScanned: result.bytesScanned,
    skipped: result.skipped.length,
    suppressed: result.suppressed,
    baselined: result.baselined,
    ...(result.audit === 'disposal' ? { project: result.project, projectFiles: result.projectFiles } : {}),
  };
  const findings = result.audit === 'disposal' ? result.findings.map(disposalFinding) : result.findings.map(homePathFinding);
  const report = { version: 1, tool: { name: 'leakguard', version: scannerVersion() }, summary, findings, skipped: result.skipped, notes: result.notes };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function homePathFinding(f: FileFinding) {
  return findingJson(f, { form: f.form, user: f.user, text: f.text });
}

function disposalFinding(f: DisposalFileFinding) {
  return findingJson(f, { resource: f.resource, acquiredBy: f.acquiredBy, leakPath: f.leakPath, exitLine: f.exitLine, exitColumn: f.exitColumn });
}

/** A finding as the report prints it: the fields every rule has, with the rule's own (`ruleFields`) after `message`. */
function findingJson<RuleFields extends object>(f: ReportFinding, ruleFields: RuleFields) {
  return {
    ruleId: f.ruleId,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    ...ruleFields,
    lineText: f.lineText,
    lineTextColumn: f.lineTextColumn,
    fingerprint: f.fingerprint,
  };
}
