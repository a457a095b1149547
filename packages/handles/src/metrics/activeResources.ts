import type { MetricSink, MetricsOption, Observation } from '@leakguard/core';
import { METRICS, resolveMetricSink } from '@leakguard/core';

export interface ObserveActiveResourcesOptions {
  /** Where the metric goes: an OpenTelemetry Meter or a leakguard MetricSink. Default: leakguard's default sink. */
  readonly meter?: MetricsOption;
}

/** Stops this caller's reporting: `close()`, `unregister()` and dispose do the same, idempotently. */
export interface ActiveResourcesObservation extends Observation {
  close(): void;
}

/** One registration per sink, shared by every caller that observes into it. */
interface Shared {
  readonly observation: Observation;
  users: number;
}

// Two callers on one sink would otherwise report every resource twice (the sink sums observations).
const shared = new WeakMap<MetricSink, Shared>();

/**
 * Reports `v8js.resource.active{v8js.resource.type}`: the resources keeping the event loop
 * alive, counted by type (`Timeout`, `TCPSocketWrap`, `TCPServerWrap`, `FSReqCallback`, ...)
 * from `process.getActiveResourcesInfo()` at collect time, so it costs nothing between
 * scrapes. Calling it again for the same sink shares one registration; the metric stops when
 * every returned observation is closed.
 */
export function observeActiveResources(options: ObserveActiveResourcesOptions = {}): ActiveResourcesObservation {
  const sink = resolveMetricSink(options.meter);
  let entry = shared.get(sink);
  if (entry === undefined) {
    entry = { observation: sink.observe(METRICS.v8jsResourceActive, observeActive), users: 0 };
    shared.set(sink, entry);
  }
  const current = entry;
  current.users++;
  let open = true;
  const unregister = (): void => {
    if (!open) return;
    open = false;
    if (--current.users > 0) return;
    current.observation.unregister();
    if (shared.get(sink) === current) shared.delete(sink);
  };
  return { close: unregister, unregister, [Symbol.dispose]: unregister };
}

function observeActive(observe: (value: number, attributes: { 'v8js.resource.type': string }) => void): void {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  for (const [type, count] of counts) observe(count, { 'v8js.resource.type': type });
}
