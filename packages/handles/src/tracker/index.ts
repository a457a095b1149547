// The tracker's public surface, re-exported by the package index.
export type { HandleKind, HandleReport, HandleReportEntry, OpenHandle } from './HandleReport.js';
export { DEFAULT_HANDLE_TYPES, OPTIONAL_HANDLE_TYPES } from './HandleReport.js';
export type { HandleTracker, ReportOptions, TrackHandlesOptions } from './HandleTracker.js';
export { activeHandleTracker, trackHandles, untracked } from './HandleTracker.js';
export type { FormatReportOptions } from './formatReport.js';
export { formatAge, formatReport } from './formatReport.js';
