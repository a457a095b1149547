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
  poolName: {
    key: 'db.client.connection.pool.name',
    description: 'Name of the pool (OTel semconv); for leakguard pools the `name` option, unique among open pools.',
    required: true,
  },
  connectionState: {
    key: 'db.client.connection.state',
    description: 'State of a connection in the pool (OTel semconv).',
    values: ['idle', 'used'],
    required: true,
  },
  evictionReason: {
    key: 'leakguard.pool.eviction.reason',
    description: 'Why the pool destroyed a resource: idle past idleTimeoutMs, past maxLifetimeMs, failed validation, or discarded after an error.',
    values: ['idle', 'lifetime', 'invalid', 'error'],
    required: true,
  },
  httpConnectionState: {
    key: 'http.connection.state',
    description: 'State of the HTTP connection in the pool (OTel semconv).',
    values: ['active', 'idle'],
    required: true,
  },
  serverAddress: {
    key: 'server.address',
    description: 'Host of the origin the HTTP pool connects to (OTel semconv); set by code from the pool origin, never from request data.',
    required: true,
  },
  serverPort: {
    key: 'server.port',
    description: 'Port of the origin the HTTP pool connects to (OTel semconv).',
    required: true,
  },
  urlScheme: {
    key: 'url.scheme',
    description: 'Scheme of the origin (OTel semconv).',
    values: ['http', 'https'],
  },
} as const satisfies Record<string, AttributeDefinition>;

/** Buckets for pool timings in seconds: sub-millisecond waits up to half-minute timeouts. */
const POOL_TIME_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

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
  poolConnectionCount: catalog.define({
    name: 'db.client.connection.count',
    // `_count` is reserved for histogram series; promtool flags db_client_connection_count.
    prometheusName: 'db_client_connections',
    area: 'pool',
    origin: 'semconv',
    instrument: 'observableUpDownCounter',
    unit: '{connection}',
    description: 'Connections (resources) currently in the pool, by state: idle, or used (leased, or being created).',
    attributes: [ATTRIBUTES.poolName, ATTRIBUTES.connectionState],
  }),
  poolConnectionMax: catalog.define({
    name: 'db.client.connection.max',
    area: 'pool',
    origin: 'semconv',
    instrument: 'observableUpDownCounter',
    unit: '{connection}',
    description: 'The most connections the pool allows (max).',
    attributes: [ATTRIBUTES.poolName],
  }),
  poolIdleMax: catalog.define({
    name: 'db.client.connection.idle.max',
    area: 'pool',
    origin: 'semconv',
    instrument: 'observableUpDownCounter',
    unit: '{connection}',
    description: 'The most idle connections the pool keeps.',
    attributes: [ATTRIBUTES.poolName],
  }),
  poolIdleMin: catalog.define({
    name: 'db.client.connection.idle.min',
    area: 'pool',
    origin: 'semconv',
    instrument: 'observableUpDownCounter',
    unit: '{connection}',
    description: 'The fewest connections the pool keeps open (min); idle eviction stops there.',
    attributes: [ATTRIBUTES.poolName],
  }),
  poolPendingRequests: catalog.define({
    name: 'db.client.connection.pending_requests',
    area: 'pool',
    origin: 'semconv',
    instrument: 'observableUpDownCounter',
    unit: '{request}',
    description: 'Acquire requests waiting for a connection.',
    attributes: [ATTRIBUTES.poolName],
  }),
  poolTimeouts: catalog.define({
    name: 'db.client.connection.timeouts',
    area: 'pool',
    origin: 'semconv',
    instrument: 'counter',
    unit: '{timeout}',
    description: 'Acquire requests that timed out waiting for a connection.',
    attributes: [ATTRIBUTES.poolName],
  }),
  poolCreateTime: catalog.define({
    name: 'db.client.connection.create_time',
    area: 'pool',
    origin: 'semconv',
    instrument: 'histogram',
    unit: 's',
    description: 'Time to create a new connection (successful creations).',
    attributes: [ATTRIBUTES.poolName],
    buckets: POOL_TIME_BUCKETS,
  }),
  poolWaitTime: catalog.define({
    name: 'db.client.connection.wait_time',
    area: 'pool',
    origin: 'semconv',
    instrument: 'histogram',
    unit: 's',
    description: 'Time an acquire waited for a connection (successful acquires).',
    attributes: [ATTRIBUTES.poolName],
    buckets: POOL_TIME_BUCKETS,
  }),
  poolUseTime: catalog.define({
    name: 'db.client.connection.use_time',
    area: 'pool',
    origin: 'semconv',
    instrument: 'histogram',
    unit: 's',
    description: 'Time between borrowing a connection and returning it.',
    attributes: [ATTRIBUTES.poolName],
    buckets: POOL_TIME_BUCKETS,
  }),
  poolLeaks: catalog.define({
    name: 'leakguard.pool.leaks',
    area: 'pool',
    origin: 'leakguard',
    instrument: 'counter',
    unit: '{lease}',
    description: 'Leases held longer than leakDetectionThresholdMs (each counted once, when it crosses the threshold).',
    attributes: [ATTRIBUTES.poolName],
  }),
  poolEvictions: catalog.define({
    name: 'leakguard.pool.evictions',
    area: 'pool',
    origin: 'leakguard',
    instrument: 'counter',
    unit: '{connection}',
    description: 'Resources the pool destroyed on its own, by reason.',
    attributes: [ATTRIBUTES.poolName, ATTRIBUTES.evictionReason],
  }),
  httpClientOpenConnections: catalog.define({
    name: 'http.client.open_connections',
    area: 'pool',
    origin: 'semconv',
    instrument: 'observableUpDownCounter',
    unit: '{connection}',
    description: 'Outbound HTTP connections currently open in the pool, by state (OTel semconv).',
    attributes: [ATTRIBUTES.httpConnectionState, ATTRIBUTES.serverAddress, ATTRIBUTES.serverPort, ATTRIBUTES.urlScheme],
  }),
} as const;
