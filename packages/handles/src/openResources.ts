import type { MetricsOption, Observation, OpenResourceItem } from '@leakguard/core';
import { METRICS, openResources, resolveMetricSink } from '@leakguard/core';
import { creationSite } from './tracker/creationSite.js';
import { formatAge } from './tracker/formatReport.js';

/**
 * Reports `leakguard.resources.open{leakguard.resource.kind}`: what leakguard's own primitives
 * hold open (pool leases and pools, queues and their running tasks, breaker registries and their
 * breakers, scoped and per-worker instances), read at collect time. Returns the observation;
 * dispose it to stop.
 */
export function observeOpenResources(options: { meter?: MetricsOption } = {}): Observation {
  return resolveMetricSink(options.meter).observe(METRICS.resourcesOpen, (observe) => {
    for (const [kind, count] of openResources()) observe(count, { 'leakguard.resource.kind': kind });
  });
}

/**
 * One line for an open leakguard resource:
 * `pool "db" lease acquired at src/jobs/sync.ts:41:5 (syncJob), held 93 s`, or
 * `queue "jobs" created at src/main.ts:12:3, open 4 min`. Without a captured stack the site is
 * left out (start `trackHandles()` or the pool's leak detection to capture lease sites).
 */
export function describeOpenResource(item: OpenResourceItem): string {
  const lease = item.kind === 'lease';
  const what = lease ? `${item.owner} lease` : item.owner;
  const site = item.stack === undefined ? undefined : creationSite(item.stack);
  const fn = site?.functionName === undefined || site.functionName === '<anonymous>' ? '' : ` (${site.functionName})`;
  const where = site === undefined ? '' : ` ${lease ? 'acquired' : 'created'} at ${site.site}${fn}`;
  return `${what}${where}, ${lease ? 'held' : 'open'} ${formatAge(item.ageMs)}`;
}
