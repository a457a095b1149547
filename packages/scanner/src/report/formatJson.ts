import { scannerVersion } from '../version.js';
import type { ScanResult } from '../types.js';

/**
 * The machine-readable report (`version: 1`): the tool, a summary with every count, each
 * finding (rule id, file relative to the root with forward slashes, 1-based positions, message,
 * form, user, matched text, line text, fingerprint), the skipped files and the notes. Absolute
 * paths are left out, so the report is the same on every machine.
 */
export function formatJson(result: ScanResult): string {
  const report = {
    version: 1,
    tool: { name: 'leakguard', version: scannerVersion() },
    summary: {
      findings: result.findings.length,
      filesWithFindings: new Set(result.findings.map((f) => f.file)).size,
      filesScanned: result.filesScanned,
      bytesScanned: result.bytesScanned,
      skipped: result.skipped.length,
      suppressed: result.suppressed,
      baselined: result.baselined,
    },
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      form: f.form,
      user: f.user,
      text: f.text,
      lineText: f.lineText,
      lineTextColumn: f.lineTextColumn,
      fingerprint: f.fingerprint,
    })),
    skipped: result.skipped,
    notes: result.notes,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
