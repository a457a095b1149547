import type { AttributeDefinition } from './MetricDefinition.js';
import { MetricCatalog } from './MetricCatalog.js';

/**
 * The one catalog of every metric leakguard emits. Sinks, docs/metrics.md and the
 * dashboards are generated from it; no other file spells a metric name.
 * Each package's issue adds its area's entries here.
 */
export const catalog = new MetricCatalog();

/** Attribute definitions shared by several metrics. */
export const ATTRIBUTES = {
  registryName: {
    key: 'leakguard.registry.name',
    description: 'Name of the ResourceRegistry ("default" for the process-wide one).',
    required: true,
  },
  resourceKind: {
    key: 'leakguard.resource.kind',
    description: 'What kind of resource was registered: pool, queue, breaker, server, ... (chosen by code, never by request data).',
    required: true,
  },
  disposeOutcome: {
    key: 'leakguard.dispose.outcome',
    description: 'How a disposal ended.',
    values: ['success', 'failure', 'timeout'],
    required: true,
  },
  sweeperName: {
    key: 'leakguard.sweeper.name',
    description: 'Name of the Sweeper ("default" for the process-wide one).',
    required: true,
  },
  sweepOutcome: {
    key: 'leakguard.sweep.outcome',
    description: 'How one run of a background cleanup task ended; "skipped" when its previous run was still going.',
    values: ['success', 'failure', 'skipped'],
    required: true,
  },
} as const satisfies Record<string, AttributeDefinition>;

/** Metric definitions by short id, for the code that records them. */
export const METRICS = {
  registryResources: catalog.define({
    name: 'leakguard.registry.resources',
    area: 'core',
    origin: 'leakguard',
    instrument: 'observableUpDownCounter',
    unit: '{resource}',
    description: 'Resources registered in a ResourceRegistry and not yet disposed.',
    attributes: [ATTRIBUTES.registryName, ATTRIBUTES.resourceKind],
  }),
  registryDisposals: catalog.define({
    name: 'leakguard.registry.disposals',
    area: 'core',
    origin: 'leakguard',
    instrument: 'counter',
    unit: '{resource}',
    description: 'Resources a ResourceRegistry disposed, by outcome.',
    attributes: [ATTRIBUTES.registryName, ATTRIBUTES.resourceKind, ATTRIBUTES.disposeOutcome],
  }),
  registryDisposeTime: catalog.define({
    name: 'leakguard.registry.dispose_time',
    area: 'core',
    origin: 'leakguard',
    instrument: 'histogram',
    unit: 's',
    description: 'Time one disposeAll() call took, from start until every resource settled or the deadline passed.',
    attributes: [ATTRIBUTES.registryName],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
  }),
  sweeperTasks: catalog.define({
    name: 'leakguard.sweeper.tasks',
    area: 'core',
    origin: 'leakguard',
    instrument: 'observableUpDownCounter',
    unit: '{task}',
    description: 'Background cleanup tasks scheduled on a Sweeper.',
    attributes: [ATTRIBUTES.sweeperName],
  }),
  sweeperTimers: catalog.define({
    name: 'leakguard.sweeper.timers',
    area: 'core',
    origin: 'leakguard',
    instrument: 'observableUpDownCounter',
    unit: '{timer}',
    description: 'Timers a Sweeper holds: one per distinct interval, zero when it has no tasks.',
    attributes: [ATTRIBUTES.sweeperName],
  }),
  sweeperRuns: catalog.define({
    name: 'leakguard.sweeper.runs',
    area: 'core',
    origin: 'leakguard',
    instrument: 'counter',
    unit: '{run}',
    description: 'Runs of background cleanup tasks, by outcome.',
    attributes: [ATTRIBUTES.sweeperName, ATTRIBUTES.sweepOutcome],
  }),
} as const;
