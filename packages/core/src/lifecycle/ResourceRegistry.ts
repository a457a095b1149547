import type { Meter } from '@opentelemetry/api';
import { METRICS } from '../catalog/metrics.js';
import { InvalidOptionError, LeakguardError } from '../errors.js';
import { claimName, releaseName } from '../names.js';
import { assertInteger, assertName, describe } from '../options.js';
import type { MetricSink, Observation } from '../sinks/MetricSink.js';
import { resolveMetricSink } from '../sinks/defaultSink.js';
import { silentLogger } from '../logger.js';
import { disposeInOrder } from './disposeInOrder.js';

/** What a disposer function is told: the time left before the registry's deadline. */
export interface DisposeContext {
  /** Milliseconds until the deadline of the disposeAll() that is disposing it. */
  readonly timeoutMs: number;
}

/**
 * Anything the registry knows how to dispose. A function receives a DisposeContext, so a
 * primitive can close within the time left (pools and queues register this way).
 */
export type DisposableResource =
  | AsyncDisposable
  | Disposable
  | { close(): unknown }
  | ((context: DisposeContext) => unknown);

export interface RegisterOptions {
  /** Names the resource in errors and logs, e.g. `pool "db"`. Required. */
  readonly name: string;
  /** What it is: `pool`, `queue`, `server`, ... A metric attribute, so chosen by code. Default `resource`. */
  readonly kind?: string;
}

/** What `register` returns: the handle to take the resource back out (when it was closed directly). */
export interface Registration extends Disposable {
  readonly name: string;
  readonly kind: string;
  /** Removes the resource from the registry without disposing it. Idempotent. */
  unregister(): void;
}

export interface RegisteredResource {
  readonly name: string;
  readonly kind: string;
  /** `performance.now()` when it was registered. */
  readonly registeredAt: number;
}

/** One resource failed to dispose; `cause` is what it threw. */
export class DisposeError extends LeakguardError {
  readonly resourceName: string;
  readonly resourceKind: string;

  constructor(name: string, kind: string, cause: unknown) {
    super('LEAKGUARD_DISPOSE_FAILED', `${kind} ${JSON.stringify(name)} failed to dispose: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.resourceName = name;
    this.resourceKind = kind;
  }
}

/** One resource had not finished disposing when the deadline passed. */
export class DisposeTimeoutError extends LeakguardError {
  readonly resourceName: string;
  readonly resourceKind: string;

  constructor(name: string, kind: string, timeoutMs: number) {
    super('LEAKGUARD_DISPOSE_TIMEOUT', `${kind} ${JSON.stringify(name)} had not finished disposing when the ${timeoutMs} ms deadline passed`);
    this.resourceName = name;
    this.resourceKind = kind;
  }
}

/** `register` was called on a registry that was closed. */
export class RegistryClosedError extends LeakguardError {
  constructor(registry: string, resource: string) {
    super('LEAKGUARD_REGISTRY_CLOSED', `registry ${JSON.stringify(registry)} is closed; ${JSON.stringify(resource)} was not registered. Create a new registry, or dispose the resource yourself`);
  }
}

export interface ResourceRegistryOptions {
  /**
   * Metric attribute `leakguard.registry.name`; unique among open registries. Default
   * `default`, which the process-wide registry uses: name your own.
   */
  readonly name?: string;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: Meter | MetricSink;
}

export interface DisposeAllOptions {
  /** Deadline for the whole call. Default 10 000 ms. */
  readonly timeoutMs?: number;
}

interface Entry extends RegisteredResource {
  readonly resource: DisposableResource;
}

/**
 * Keeps what a process opened so it can all be closed at shutdown, newest first (a queue
 * that uses a pool was registered after it and closes before it).
 *
 * `disposeAll` disposes one resource at a time in reverse registration order, never waits
 * past `timeoutMs` (a resource still disposing then is reported as timed out, and those not
 * yet reached are started all at once so fast ones still finish), disposes each resource at
 * most once, and throws one AggregateError naming every failure.
 */
export class ResourceRegistry implements AsyncDisposable {
  readonly name: string;
  readonly #entries = new Map<symbol, Entry>();
  readonly #sink: MetricSink;
  readonly #observation: Observation;
  #running: Promise<void> | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(options: ResourceRegistryOptions = {}) {
    this.name = assertName('ResourceRegistry', options.name ?? 'default');
    claimName('registry', this.name, this);
    this.#sink = resolveMetricSink(options.meter);
    // The callback holds the registry only through a WeakRef: a registry dropped without
    // close() must not be kept alive by the metric sink.
    const self = new WeakRef(this);
    const registryName = this.name;
    const observation: Observation = this.#sink.observe(METRICS.registryResources, (observe) => {
      const registry = self.deref();
      if (registry === undefined) {
        observation.unregister();
        return;
      }
      for (const [kind, count] of registry.#countByKind()) {
        observe(count, { 'leakguard.registry.name': registryName, 'leakguard.resource.kind': kind });
      }
    });
    this.#observation = observation;
  }

  /** Adds `resource`; it will be disposed by `disposeAll` unless unregistered first. */
  register(resource: DisposableResource, options: RegisterOptions): Registration {
    if (options === null || typeof options !== 'object' || typeof options.name !== 'string' || options.name === '') {
      throw new InvalidOptionError(`ResourceRegistry.register: options.name is required (a non-empty string naming the resource in errors), got ${describe(options?.name)}`);
    }
    if (!isDisposable(resource)) {
      throw new InvalidOptionError(
        `ResourceRegistry.register: ${JSON.stringify(options.name)} has no [Symbol.asyncDispose], [Symbol.dispose] or close(); pass the resource itself or a function that closes it`,
      );
    }
    const kind = options.kind === undefined ? 'resource' : assertName('ResourceRegistry.register kind', options.kind);
    if (this.#closed) throw new RegistryClosedError(this.name, options.name);
    const key = Symbol(options.name);
    this.#entries.set(key, { name: options.name, kind, resource, registeredAt: performance.now() });
    const unregister = (): void => {
      this.#entries.delete(key);
    };
    return { name: options.name, kind, unregister, [Symbol.dispose]: unregister };
  }

  /** Resources registered and not yet disposed, oldest first. */
  list(): readonly RegisteredResource[] {
    return [...this.#entries.values()].map(({ name, kind, registeredAt }) => ({ name, kind, registeredAt }));
  }

  get size(): number {
    return this.#entries.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Disposes everything registered, newest first, within `timeoutMs`. Concurrent calls share
   * one run. Resources registered while it runs are left for the next call. Throws an
   * AggregateError of DisposeError / DisposeTimeoutError naming each resource that failed.
   */
  disposeAll(options: DisposeAllOptions = {}): Promise<void> {
    let timeoutMs: number;
    try {
      timeoutMs = assertInteger('ResourceRegistry.disposeAll', 'timeoutMs', options.timeoutMs ?? 10_000, 0);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#running ??= this.#disposeAll(timeoutMs).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** disposeAll, then refuse new registrations and stop reporting metrics. Idempotent. */
  close(options: DisposeAllOptions = {}): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    let timeoutMs: number;
    try {
      timeoutMs = assertInteger('ResourceRegistry.close', 'timeoutMs', options.timeoutMs ?? 10_000, 0);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#closing = (async () => {
      this.#closed = true;
      const deadline = performance.now() + timeoutMs;
      try {
        await this.disposeAll({ timeoutMs });
        // A disposeAll already running when close() was called leaves what was registered
        // during it; nothing can be registered now, so one more pass empties the registry.
        if (this.#entries.size > 0) await this.disposeAll({ timeoutMs: Math.max(0, Math.round(deadline - performance.now())) });
      } finally {
        this.#observation.unregister();
        releaseName('registry', this.name, this);
      }
    })();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #countByKind(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.#entries.values()) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    return counts;
  }

  async #disposeAll(timeoutMs: number): Promise<void> {
    const started = performance.now();
    const entries = [...this.#entries.entries()].reverse();
    for (const [key] of entries) this.#entries.delete(key);
    const targets = entries.map(([, entry]) => ({
      name: entry.name,
      kind: entry.kind,
      entry,
      dispose: (context: DisposeContext) => disposeOne(entry.resource, context.timeoutMs),
    }));
    // A failure after its deadline has no caller left to tell; the timeout was already reported.
    const failures = await disposeInOrder(targets, timeoutMs, silentLogger);
    const disposals = this.#sink.counter(METRICS.registryDisposals);
    const failed = new Map(failures.map((f) => [f.target, f.error]));
    for (const target of targets) {
      const error = failed.get(target);
      const outcome = error === undefined ? 'success' : error instanceof DisposeTimeoutError ? 'timeout' : 'failure';
      disposals.add(1, { 'leakguard.registry.name': this.name, 'leakguard.resource.kind': target.kind, 'leakguard.dispose.outcome': outcome });
    }
    this.#sink.histogram(METRICS.registryDisposeTime).record((performance.now() - started) / 1000, { 'leakguard.registry.name': this.name });
    if (failures.length > 0) {
      const errors = failures.map((f) => f.error);
      const names = errors.map((e) => e.message).join('; ');
      throw new AggregateError(errors, `registry ${JSON.stringify(this.name)}: ${errors.length} of ${entries.length} resources did not dispose cleanly: ${names}`);
    }
  }
}

function isDisposable(value: unknown): value is DisposableResource {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<AsyncDisposable & Disposable & { close: unknown }>;
  return typeof v[Symbol.asyncDispose] === 'function' || typeof v[Symbol.dispose] === 'function' || typeof v.close === 'function';
}

/** Calls the resource's disposer; synchronous throws become rejections. */
async function disposeOne(resource: DisposableResource, remainingMs: number): Promise<void> {
  if (typeof resource === 'function') {
    // A little less than what is left, so the resource's own deadline fires before ours.
    await resource({ timeoutMs: Math.max(0, Math.floor(remainingMs * 0.95) - 10) });
    return;
  }
  const r = resource as Partial<AsyncDisposable & Disposable & { close(): unknown }>;
  const asyncDispose = r[Symbol.asyncDispose];
  const syncDispose = r[Symbol.dispose];
  if (typeof asyncDispose === 'function') await asyncDispose.call(r);
  else if (typeof syncDispose === 'function') syncDispose.call(r);
  else await (r.close as () => unknown).call(r);
}

let defaultRegistry: ResourceRegistry | undefined;

/** The process-wide registry leakguard primitives register in when not given one. */
export function defaultResourceRegistry(): ResourceRegistry {
  defaultRegistry ??= new ResourceRegistry({ name: 'default' });
  return defaultRegistry;
}

/** Disposes everything in the process-wide registry (see ResourceRegistry.disposeAll). */
export function disposeAll(options: DisposeAllOptions = {}): Promise<void> {
  return defaultResourceRegistry().disposeAll(options);
}
