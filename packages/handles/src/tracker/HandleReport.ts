/** What a tracked handle is, in words a reader of a report knows. */
export type HandleKind = 'timeout' | 'interval' | 'socket' | 'server' | 'file' | 'childProcess' | 'worker' | 'pipe' | 'pipeServer' | 'udp';

/** The async_hooks resource types the tracker watches by default, and the kind each one reports as. */
export const DEFAULT_HANDLE_TYPES: Readonly<Record<string, HandleKind>> = {
  Timeout: 'timeout',
  TCPWRAP: 'socket',
  TCPSERVERWRAP: 'server',
  FILEHANDLE: 'file',
  PROCESSWRAP: 'childProcess',
  WORKER: 'worker',
};

/**
 * Types that may be added through `TrackHandlesOptions.types`. Pipes are off by default because the
 * process's own stdio is a pipe when it runs under another program and is created lazily.
 */
export const OPTIONAL_HANDLE_TYPES: Readonly<Record<string, HandleKind>> = {
  PIPEWRAP: 'pipe',
  PIPESERVERWRAP: 'pipeServer',
  UDPWRAP: 'udp',
};

/** One handle still open. */
export interface OpenHandle {
  readonly asyncId: number;
  /** The async_hooks type, e.g. `Timeout`, `TCPWRAP`. */
  readonly type: string;
  readonly kind: HandleKind;
  /** Increases with every handle the tracker sees; compare with `HandleTracker.mark()`. */
  readonly sequence: number;
  /** Milliseconds since the handle was created. */
  readonly ageMs: number;
  /** `file:line:column` of the first application frame; `<node internals>` when there is none. */
  readonly site: string;
  readonly functionName: string | undefined;
  /** True when no application frame created it: only `node_modules` or node's own frames (a dependency or the test runner, on its own). */
  readonly fromDependency: boolean;
  /** The stack captured when the handle was created, formatted on first report. */
  readonly stack: string;
}

/** Handles that share a creation site. */
export interface HandleReportEntry {
  readonly site: string;
  readonly functionName: string | undefined;
  readonly fromDependency: boolean;
  readonly count: number;
  /** Distinct kinds among them, sorted. */
  readonly kinds: readonly HandleKind[];
  readonly oldestAgeMs: number;
  readonly newestAgeMs: number;
  /** Oldest first. */
  readonly handles: readonly OpenHandle[];
}

/** What `HandleTracker.report()` returns: open handles grouped by creation site, most first. */
export interface HandleReport {
  /** Open handles in all entries. */
  readonly total: number;
  readonly entries: readonly HandleReportEntry[];
}
