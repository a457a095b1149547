import type { MetricsOption, Observation } from '@leakguard/core';
import { METRICS, openResources, resolveMetricSink } from '@leakguard/core';

/**
 * Reports `leakguard.resources.open{leakguard.resource.kind}`: what leakguard's own primitives
 * hold open (pool leases and pools, queues and their running tasks, breakers), read at collect
 * time. Returns the observation; dispose it to stop.
 */
export function observeOpenResources(options: { meter?: MetricsOption } = {}): Observation {
  return resolveMetricSink(options.meter).observe(METRICS.resourcesOpen, (observe) => {
    for (const [kind, count] of openResources()) observe(count, { 'leakguard.resource.kind': kind });
  });
}
