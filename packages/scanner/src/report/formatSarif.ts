import { NO_HOME_PATH, NO_LEAKED_RESOURCE } from '@leakguard/analysis';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { AuditResult } from '../types.js';
import { scannerVersion } from '../version.js';
import { reasonLabel } from './summary.js';

/** Where SARIF consumers send people who want to know more about leakguard. */
export const LEAKGUARD_INFORMATION_URI = 'https://github.com/leakguard/leakguard';
/** The rule's documentation, linked from every SARIF result. */
export const NO_HOME_PATH_HELP_URI = 'https://github.com/leakguard/leakguard/blob/main/eslint-plugin/docs/rules/no-home-path.md';
/** The disposal rule's documentation, linked from its SARIF results. */
export const NO_LEAKED_RESOURCE_HELP_URI = 'https://github.com/leakguard/leakguard/blob/main/eslint-plugin/docs/rules/no-leaked-resource.md';
/** The `partialFingerprints` key: versioned, so a change of the fingerprint recipe never matches old alerts by accident. */
export const SARIF_FINGERPRINT_KEY = 'leakguard/v1';

const NO_HOME_PATH_RULE: ReportingDescriptor = {
  id: NO_HOME_PATH,
  name: 'NoHomePath',
  shortDescription: { text: 'Hard-coded home-directory path' },
  fullDescription: {
    text: 'A path inside one person\'s home directory (/home/<user>, /Users/<user>, C:\\Users\\<user>, ...) works on that machine only. Use os.homedir(), a configured path or a path relative to the project.',
  },
  helpUri: NO_HOME_PATH_HELP_URI,
  help: { text: `See ${NO_HOME_PATH_HELP_URI}`, markdown: `See [no-home-path](${NO_HOME_PATH_HELP_URI}).` },
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['portability', 'maintainability'] },
};

const NO_LEAKED_RESOURCE_RULE: ReportingDescriptor = {
  id: NO_LEAKED_RESOURCE,
  name: 'NoLeakedResource',
  shortDescription: { text: 'Resource not released on every path' },
  fullDescription: {
    text: 'A resource acquired in a function (a pool client, a connection, a file handle, an interval, a Disposable) is neither released on every path (normal return, early return, thrown exception) nor handed on. Release it in a finally block, or declare it with using / await using.',
  },
  helpUri: NO_LEAKED_RESOURCE_HELP_URI,
  help: { text: `See ${NO_LEAKED_RESOURCE_HELP_URI}`, markdown: `See [no-leaked-resource](${NO_LEAKED_RESOURCE_HELP_URI}).` },
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['reliability', 'resource-leak'] },
};

/** Rule metadata by rule id, for every rule a report can hold. */
export const SARIF_RULES: ReadonlyMap<string, ReportingDescriptor> = new Map([
  [NO_HOME_PATH, NO_HOME_PATH_RULE],
  [NO_LEAKED_RESOURCE, NO_LEAKED_RESOURCE_RULE],
]);

/**
 * A SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers: one run of the tool
 * `leakguard` with the rule of the audit (`no-home-path` or `no-leaked-resource`); each result at level `error` with its location
 * (`artifactLocation.uri` relative to `%SRCROOT%`, forward slashes, URI-encoded; 1-based
 * region, columns in UTF-16 code units) and `partialFingerprints` that survive line moves.
 * Skipped files (binary ones excepted) and notes become tool execution notifications.
 */
export function formatSarif(result: AuditResult): string {
  const version = scannerVersion();
  const ruleId = result.audit === 'disposal' ? NO_LEAKED_RESOURCE : NO_HOME_PATH;
  const rules = [SARIF_RULES.get(ruleId) as ReportingDescriptor];
  const results: Result[] = result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: 0,
    level: 'error',
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toRelativeUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
  }));
  const notifications: Notification[] = [
    ...result.skipped
      .filter((s) => s.reason !== 'binary')
      .map((s): Notification => ({
        level: 'warning',
        descriptor: { id: s.reason },
        message: { text: `skipped ${s.file}: ${reasonLabel(s.reason)}: ${s.detail}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: toRelativeUri(s.file), uriBaseId: '%SRCROOT%' } } }],
      })),
    ...result.notes.map((n): Notification => ({
      level: 'note',
      descriptor: { id: n.kind },
      message: { text: `${n.file}: ${n.detail}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: toRelativeUri(n.file), uriBaseId: '%SRCROOT%' } } }],
    })),
  ];
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'leakguard', informationUri: LEAKGUARD_INFORMATION_URI, version, semanticVersion: version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative file name (forward slashes) as a relative URI reference: each segment percent-encoded, the slashes kept. */
export function toRelativeUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
