import { createHook } from 'node:async_hooks';
import type { AsyncHook } from 'node:async_hooks';
import fsPromises from 'node:fs/promises';
import { Server } from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import { InvalidOptionError, Patches, assertInteger, captureOpenResourceSites, silentLogger } from '@leakguard/core';
import { creationSite } from './creationSite.js';
import type { HandleKind, HandleReport, HandleReportEntry, OpenHandle } from './HandleReport.js';
import { DEFAULT_HANDLE_TYPES, OPTIONAL_HANDLE_TYPES } from './HandleReport.js';

export interface TrackHandlesOptions {
  /**
   * async_hooks resource types to watch. Default: `Timeout`, `TCPWRAP`, `TCPSERVERWRAP`,
   * `FILEHANDLE`, `PROCESSWRAP`, `WORKER`; `PIPEWRAP`, `PIPESERVERWRAP` and `UDPWRAP` may be added.
   */
  readonly types?: readonly string[];
  /** Stack frames captured per handle; deeper call chains need more to reach the application frame. Default 30. */
  readonly stackDepth?: number;
}

export interface ReportOptions {
  /** Only handles created after this `mark()`. Default: every handle created since tracking began. */
  readonly after?: number;
  /** Keep handles that only `node_modules` frames created (see `OpenHandle.fromDependency`). Default true. */
  readonly includeDependencies?: boolean;
  /** Keep handles that are open but unref'd, which do not keep the process alive. Default false. */
  readonly includeUnref?: boolean;
}

/** Records where open handles were created; see `trackHandles`. */
export interface HandleTracker {
  /** A position in the sequence of created handles; pass it as `report({ after })` to see only newer ones. */
  mark(): number;
  /** Open handles created since tracking began (or since `after`), grouped by creation site, most first. */
  report(options?: ReportOptions): HandleReport;
  /** Disables the hook and forgets every record; a later `trackHandles()` starts afresh. Idempotent. */
  stop(): void;
  readonly stopped: boolean;
}

interface HandleRecord {
  readonly asyncId: number;
  readonly type: string;
  readonly kind: HandleKind;
  readonly sequence: number;
  readonly createdAt: number;
  readonly resource: WeakRef<object>;
  /** Holds the V8 stack until first read; formatting is the costly part, so it waits for a report. */
  readonly holder: { stack?: string };
  /**
   * What caused this one (a server for an accepted socket, the nextTick a lookup-then-listen ran
   * in), for a site when the handle's own stack has no application frame.
   */
  readonly trigger: StackRecord | undefined;
  /** The caller's stack, attached afterwards when the handle is created with none (fs.promises.open). */
  origin?: { stack?: string };
}

/** A resource watched only because a handle may be created in its callback. */
interface StackRecord {
  readonly holder: { stack?: string };
  readonly trigger: StackRecord | undefined;
  readonly origin?: { stack?: string };
}

/**
 * Resources whose callbacks create handles with no application frame on the stack: `listen(port, host)`
 * listens in a nextTick after the lookup, `connect(port, 'localhost')` after a getaddrinfo. Their
 * stacks are captured too (cheaply, unformatted) so the handle can be named after its caller.
 * A getaddrinfo is rare enough to capture always; nextTicks are everywhere (a dozen per HTTP
 * request), so they are captured only while `listen()` runs (see `#wrapListen`).
 */
const CARRIER_TYPES: ReadonlySet<string> = new Set(['GETADDRINFOREQWRAP']);
const PENDING_CARRIER_TYPES: ReadonlySet<string> = new Set(['TickObject']);

interface TrackerState {
  tracker: HandleTracker | undefined;
  /** > 0 while leakguard creates its own handles (explainExit's timer), which reports leave out. */
  untrackedDepth: number;
}

// Shared through globalThis so a test runner that loads this module once per test file still
// finds the one tracker the process has (a second hook would double the cost and the records).
const STATE_KEY = Symbol.for('leakguard.handles.trackerState');
const globalSlot = globalThis as unknown as Record<symbol, TrackerState | undefined>;
const state: TrackerState = (globalSlot[STATE_KEY] ??= { tracker: undefined, untrackedDepth: 0 });

const ALL_TYPES: Readonly<Record<string, HandleKind>> = { ...DEFAULT_HANDLE_TYPES, ...OPTIONAL_HANDLE_TYPES };

/**
 * Starts recording where handles that keep the event loop alive are created: timers, intervals,
 * sockets, servers, file handles, child processes and workers (see TrackHandlesOptions.types).
 * Costs nothing until called; while on, each watched handle costs one captured stack, and so
 * does each leakguard pool acquire (leases name their acquire site in explainExit and the
 * Vitest check).
 * Calling it again while tracking returns the same tracker (its options are kept).
 */
export function trackHandles(options: TrackHandlesOptions = {}): HandleTracker {
  if (state.tracker !== undefined) return state.tracker;
  const tracker = new AsyncHookTracker(options);
  state.tracker = tracker;
  return tracker;
}

/** The tracker `trackHandles()` started in this thread, if it is on. */
export function activeHandleTracker(): HandleTracker | undefined {
  return state.tracker;
}

/** Runs `create` with tracking paused, for leakguard's own handles. */
export function untracked<T>(create: () => T): T {
  state.untrackedDepth++;
  try {
    return create();
  } finally {
    state.untrackedDepth--;
  }
}

class AsyncHookTracker implements HandleTracker {
  readonly #types: ReadonlyMap<string, HandleKind>;
  readonly #stackDepth: number;
  readonly #records = new Map<number, HandleRecord>();
  readonly #carriers = new Map<number, StackRecord>();
  /** fs.promises.open and Server.prototype.listen, wrapped while tracking. */
  readonly #patches = new Patches('trackHandles', 'the handle tracker', silentLogger);
  readonly #hook: AsyncHook;
  #sequence = 0;
  /** > 0 while a `Server.listen` call runs; nextTicks are carriers only then. */
  #inListen = 0;
  #stopped = false;

  constructor(options: TrackHandlesOptions) {
    const types = new Map<string, HandleKind>();
    for (const type of options.types ?? Object.keys(DEFAULT_HANDLE_TYPES)) {
      const kind = ALL_TYPES[type];
      if (kind === undefined) {
        throw new InvalidOptionError(
          `trackHandles: types contains ${JSON.stringify(type)}, which is not a handle type it knows; use some of ${Object.keys(ALL_TYPES).join(', ')}.`,
        );
      }
      types.set(type, kind);
    }
    this.#types = types;
    this.#stackDepth = assertInteger('trackHandles', 'stackDepth', options.stackDepth ?? 30, 1);
    const init = (asyncId: number, type: string, triggerAsyncId: number, resource: object): void => {
      const kind = this.#types.get(type);
      const carrier = kind === undefined && (CARRIER_TYPES.has(type) || (this.#inListen > 0 && PENDING_CARRIER_TYPES.has(type)));
      if ((kind === undefined && !carrier) || state.untrackedDepth > 0) return;
      const holder: { stack?: string } = {};
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = this.#stackDepth;
      Error.captureStackTrace(holder, init);
      Error.stackTraceLimit = limit;
      const trigger = this.#records.get(triggerAsyncId) ?? this.#carriers.get(triggerAsyncId);
      if (kind === undefined) {
        this.#carriers.set(asyncId, { holder, trigger });
        return;
      }
      this.#records.set(asyncId, {
        asyncId,
        type,
        kind: type === 'Timeout' && isRepeating(resource) ? 'interval' : kind,
        sequence: ++this.#sequence,
        createdAt: performance.now(),
        resource: new WeakRef(resource),
        holder,
        trigger,
      });
    };
    this.#hook = createHook({
      init,
      destroy: (asyncId) => {
        this.#records.delete(asyncId);
        this.#carriers.delete(asyncId);
      },
    });
    this.#hook.enable();
    if (this.#types.has('FILEHANDLE')) this.#wrapOpen();
    if (this.#types.has('TCPSERVERWRAP')) this.#wrapListen();
    // Pool leases capture their acquire site too while tracking, for explainExit and the Vitest check.
    captureOpenResourceSites(true);
  }

  /**
   * Marks the time inside a `listen()` call: only then are nextTicks captured as carriers, since
   * `listen(port, address)` queues the nextTick its handle is created in while it runs.
   * `http`, `https` and `tls` servers inherit this method, so one wrap covers them.
   */
  #wrapListen(): void {
    const original = Server.prototype.listen;
    const enter = (): number => this.#inListen++;
    const leave = (): number => this.#inListen--;
    const listen = function listen(this: Server, ...args: unknown[]): Server {
      enter();
      try {
        return (original as (...a: unknown[]) => Server).apply(this, args);
      } finally {
        leave();
      }
    };
    this.#patches.replace(Server.prototype, 'listen', listen);
  }

  /**
   * A FileHandle is created in a native callback with no JS stack and no trigger, so the caller of
   * fs.promises.open is captured by wrapping it while tracking, and matched to the handle by fd.
   */
  #wrapOpen(): void {
    const original = fsPromises.open;
    const records = this.#records;
    const stackDepth = this.#stackDepth;
    const open = function open(this: unknown, ...args: Parameters<typeof original>) {
      const origin: { stack?: string } = {};
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = stackDepth;
      Error.captureStackTrace(origin, open);
      Error.stackTraceLimit = limit;
      return original.apply(this, args).then((file) => {
        for (const record of records.values()) {
          if (record.type === 'FILEHANDLE' && record.origin === undefined && (record.resource.deref() as { fd?: unknown } | undefined)?.fd === file.fd) {
            record.origin = origin;
          }
        }
        return file;
      });
    };
    // Keeps `import { open } from 'node:fs/promises'` bindings in step with the property, now
    // and after the undo (undone newest first, so this runs after the property is put back).
    this.#patches.onUndo(syncBuiltinESMExports);
    this.#patches.replace(fsPromises, 'open', open);
    syncBuiltinESMExports();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  mark(): number {
    return this.#sequence;
  }

  report(options: ReportOptions = {}): HandleReport {
    const after = options.after ?? 0;
    const includeDependencies = options.includeDependencies ?? true;
    const includeUnref = options.includeUnref ?? false;
    const now = performance.now();
    const bySite = new Map<string, OpenHandle[]>();
    for (const record of this.#records.values()) {
      if (record.sequence <= after) continue;
      const resource = record.resource.deref();
      const status = resource === undefined ? 'closed' : handleStatus(record.type, resource);
      if (status === 'closed') {
        // Closed without a destroy yet (FileHandle's comes only at GC): forget it now.
        this.#records.delete(record.asyncId);
        continue;
      }
      if (status === 'unref' && !includeUnref) continue;
      const handle = describe(record, now);
      if (handle.fromDependency && !includeDependencies) continue;
      const group = bySite.get(handle.site);
      if (group === undefined) bySite.set(handle.site, [handle]);
      else group.push(handle);
    }
    const entries: HandleReportEntry[] = [...bySite].map(([site, handles]) => {
      handles.sort((a, b) => a.sequence - b.sequence);
      const first = handles[0] as OpenHandle;
      const ages = handles.map((h) => h.ageMs);
      return {
        site,
        functionName: first.functionName,
        fromDependency: first.fromDependency,
        count: handles.length,
        kinds: [...new Set(handles.map((h) => h.kind))].sort(),
        oldestAgeMs: Math.max(...ages),
        newestAgeMs: Math.min(...ages),
        handles,
      };
    });
    entries.sort((a, b) => b.count - a.count || b.oldestAgeMs - a.oldestAgeMs);
    return { total: entries.reduce((sum, e) => sum + e.count, 0), entries };
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#hook.disable();
    this.#patches.undo();
    captureOpenResourceSites(false);
    this.#records.clear();
    this.#carriers.clear();
    if (state.tracker === this) state.tracker = undefined;
  }
}

function isRepeating(resource: object): boolean {
  const repeat = (resource as { _repeat?: unknown })._repeat;
  return repeat !== null && repeat !== undefined;
}

/** Whether a watched resource is still open and whether it keeps the event loop alive. */
function handleStatus(type: string, resource: object): 'ref' | 'unref' | 'closed' {
  const r = resource as { _destroyed?: unknown; fd?: unknown; hasRef?: unknown };
  // A cleared or fired Timeout is marked destroyed at once; its destroy hook runs a little later.
  if (type === 'Timeout' && r._destroyed === true) return 'closed';
  // A FileHandle's destroy hook waits for garbage collection; a closed one has a negative fd.
  if (type === 'FILEHANDLE') return typeof r.fd === 'number' && r.fd < 0 ? 'closed' : 'ref';
  if (typeof r.hasRef === 'function') {
    try {
      return (r.hasRef as () => boolean).call(resource) ? 'ref' : 'unref';
    } catch {
      return 'ref';
    }
  }
  return 'ref';
}

function describe(record: HandleRecord, now: number): OpenHandle {
  let stack = stackOf(record);
  let site = creationSite(stack);
  // A handle created from native code or a callback has no application frame: use its cause's.
  for (let cause: StackRecord | undefined = record; (site === undefined || site.fromDependency) && cause !== undefined; cause = cause.trigger) {
    for (const candidate of [cause.origin?.stack, cause === record ? undefined : stackOf(cause)]) {
      const found = candidate === undefined ? undefined : creationSite(candidate);
      if (found !== undefined && (site === undefined || !found.fromDependency)) {
        site = found;
        stack = `${stack}\n    -- created in a callback of --\n${candidate}`;
      }
    }
  }
  return {
    asyncId: record.asyncId,
    type: record.type,
    kind: record.kind,
    sequence: record.sequence,
    ageMs: Math.round(now - record.createdAt),
    site: site?.site ?? '<node internals>',
    functionName: site?.functionName,
    // No application frame at all: node or a dependency created it on its own.
    fromDependency: site?.fromDependency ?? true,
    stack,
  };
}

function stackOf(record: StackRecord): string {
  // A replaced Error.prepareStackTrace may format to something other than a string.
  const stack: unknown = record.holder.stack;
  return typeof stack === 'string' ? stack : '';
}
