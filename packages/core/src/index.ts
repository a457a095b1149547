// Errors and option checks
export { InvalidOptionError, LeakguardError } from './errors.js';
export { assertInteger, assertLimit, assertName, describe as describeValue } from './options.js';
export { claimName, releaseName } from './names.js';
export type { Logger } from './logger.js';
export { silentLogger, stderrLogger } from './logger.js';

// Metric catalog
export type { AttributeDefinition, InstrumentKind, MetricDefinition } from './catalog/MetricDefinition.js';
export { INSTRUMENT_KINDS, MetricAttributeError, MetricDefinitionError, UNIT_WORDS, isValidUnit } from './catalog/MetricDefinition.js';
export { MetricCatalog } from './catalog/MetricCatalog.js';
export { ATTRIBUTES, METRICS, catalog } from './catalog/metrics.js';
export { prometheusLabel, prometheusName } from './catalog/prometheusNames.js';
export { renderMetricsMarkdown } from './catalog/markdown.js';

// Sinks
export type {
  AttributeValue,
  Attributes,
  BoundCounter,
  BoundHistogram,
  CounterInstrument,
  HistogramInstrument,
  MetricSink,
  Observation,
  Observe,
} from './sinks/MetricSink.js';
export { METER_NAME, otelSink } from './sinks/OtelSink.js';
export type { PrometheusSink, PrometheusSinkOptions } from './sinks/PrometheusSink.js';
export { prometheusSink } from './sinks/PrometheusSink.js';
export { fanoutSink } from './sinks/fanoutSink.js';
export type { MetricsOption } from './sinks/defaultSink.js';
export { defaultMetricSink, defaultPrometheusRegistry, resolveMetricSink, setDefaultMetricSink } from './sinks/defaultSink.js';

// /metrics over HTTP
export type { MetricsHandlerOptions, MetricsServer, MetricsServerOptions } from './http/MetricsServer.js';
export { metricsHandler, startMetricsServer } from './http/MetricsServer.js';

// Lifecycle
export type {
  DisposableResource,
  DisposeContext,
  DisposeAllOptions,
  RegisterOptions,
  RegisteredResource,
  Registration,
  ResourceRegistryOptions,
} from './lifecycle/ResourceRegistry.js';
export {
  DisposeError,
  DisposeTimeoutError,
  RegistryClosedError,
  ResourceRegistry,
  defaultResourceRegistry,
  disposeAll,
} from './lifecycle/ResourceRegistry.js';
export type { ShutdownHooks, ShutdownHooksOptions } from './lifecycle/shutdownHooks.js';
export { installShutdownHooks } from './lifecycle/shutdownHooks.js';
export type { SweepTask, SweeperOptions } from './lifecycle/Sweeper.js';
export { Sweeper, SweeperClosedError, defaultSweeper } from './lifecycle/Sweeper.js';
export type { Lazy, LazyOptions, LazyState, SingleFlight } from './lifecycle/singleflight.js';
export { LazyDisposedError, lazy, singleflight } from './lifecycle/singleflight.js';
export type { DeadlineOutcome } from './lifecycle/deadline.js';
export { withDeadline } from './lifecycle/deadline.js';
export type { OpenResourceCounts, OpenResourceItem } from './lifecycle/openResources.js';
export { captureOpenResourceSites, openedHere, openResourceItems, openResourceSitesEnabled, openResources, reportOpenResources } from './lifecycle/openResources.js';
export type { DisposeFailure, DisposeTarget } from './lifecycle/disposeInOrder.js';
export { disposeInOrder } from './lifecycle/disposeInOrder.js';
export type { PatchedMethod } from './lifecycle/Patches.js';
export { Patches } from './lifecycle/Patches.js';
