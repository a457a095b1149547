// Scanning
export { scanPaths } from './scanPaths.js';
export { DEFAULT_MAX_FILE_BYTES } from './scanPlan.js';
export type { ScanOptions } from './scanPlan.js';
export type { AuditResult, DisposalFileFinding, DisposalScanResult, FileFinding, FileNote, ReportFinding, ReportResult, ScanProgress, ScanResult, SkippedFile, SkipReason } from './types.js';
export { auditDisposal } from './disposal/auditDisposal.js';
export { NO_LEAKED_RESOURCE } from '@leakguard/analysis';
export type { DisposalAuditOptions } from './disposal/auditDisposal.js';
export { TSCONFIG_FILE_NAME, findTsconfig } from './disposal/loadProject.js';
export { BaselineError, ConfigError, ScanInputError, describeError } from './errors.js';
// Suppressions and fingerprints
export { FILE_DIRECTIVE_LINES, isSuppressed, parseSuppressions } from './suppressions.js';
export type { Suppressions } from './suppressions.js';
export { fingerprintOf } from './fingerprint.js';
// Config file
export { CONFIG_FILE_NAME, checkDisposalOptions, checkPathsOptions, findConfig, loadConfig } from './config.js';
export type { DisposalConfig, LeakguardConfig, PathsConfig } from './config.js';
// Baselines
export { DEFAULT_BASELINE_FILE, createBaseline, readBaseline, writeBaseline } from './baseline.js';
export type { Baseline, BaselineEntry } from './baseline.js';
// Reports
export { REPORT_FORMATS, formatReport, isReportFormat } from './report/formatReport.js';
export type { ReportFormat } from './report/formatReport.js';
export { formatText } from './report/formatText.js';
export type { TextFormatOptions } from './report/formatText.js';
export { formatJson } from './report/formatJson.js';
export { LEAKGUARD_INFORMATION_URI, NO_HOME_PATH_HELP_URI, NO_LEAKED_RESOURCE_HELP_URI, SARIF_FINGERPRINT_KEY, SARIF_RULES, formatSarif } from './report/formatSarif.js';
export { combineReports } from './report/combineReports.js';
export type { AuditReport } from './report/combineReports.js';
export { formatGithub } from './report/formatGithub.js';
export { summaryLine } from './report/summary.js';
export { formatBytes } from './formatBytes.js';
export { scannerVersion } from './version.js';
// Test suites
export { HomePathAssertionError, expectNoHomePaths } from './expectNoHomePaths.js';
export type { ExpectNoHomePathsOptions } from './expectNoHomePaths.js';
