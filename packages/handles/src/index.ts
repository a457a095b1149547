// Leak tracker
export type { HandleKind, HandleReport, HandleReportEntry, OpenHandle } from './tracker/HandleReport.js';
export { DEFAULT_HANDLE_TYPES, OPTIONAL_HANDLE_TYPES } from './tracker/HandleReport.js';
export type { HandleTracker, ReportOptions, TrackHandlesOptions } from './tracker/HandleTracker.js';
export { activeHandleTracker, trackHandles } from './tracker/HandleTracker.js';
export type { FormatReportOptions } from './tracker/formatReport.js';
export { formatAge, formatReport } from './tracker/formatReport.js';
// Exit diagnosis
export type { ExitExplanation, ExplainExitOptions } from './explainExit.js';
export { describeWhatKeepsAlive, explainExit } from './explainExit.js';
// Vitest integration (the setup file itself is "@leakguard/handles/vitest-setup")
export type { LeakguardHandlesOptions } from './vitest/config.js';
export { leakguardHandles } from './vitest/config.js';
// Metrics
export type { ActiveResourcesObservation, ObserveActiveResourcesOptions } from './metrics/activeResources.js';
export { observeActiveResources } from './metrics/activeResources.js';
export { describeOpenResource, observeOpenResources } from './openResources.js';
