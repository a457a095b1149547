import type { Meter } from '@opentelemetry/api';
import { Registry } from 'prom-client';
import { fanoutSink } from './fanoutSink.js';
import type { MetricSink } from './MetricSink.js';
import { otelSink } from './OtelSink.js';
import { prometheusSink } from './PrometheusSink.js';

/** What a primitive's `meter` option accepts: an OpenTelemetry Meter or a leakguard MetricSink. */
export type MetricsOption = Meter | MetricSink;

let defaultRegistry: Registry | undefined;
let defaultSink: MetricSink | undefined;

/**
 * leakguard's own prom-client Registry, created on first use. It is private: prom-client's
 * global `register` is never touched. `startMetricsServer()` serves it by default.
 */
export function defaultPrometheusRegistry(): Registry {
  defaultRegistry ??= new Registry();
  return defaultRegistry;
}

/**
 * The sink primitives use when given no `meter`: OpenTelemetry through the global
 * @opentelemetry/api meter (no-op without an SDK) and Prometheus on `defaultPrometheusRegistry()`.
 */
export function defaultMetricSink(): MetricSink {
  defaultSink ??= fanoutSink(otelSink(), prometheusSink({ registry: defaultPrometheusRegistry() }));
  return defaultSink;
}

/** Replaces the default sink (e.g. to send every primitive's metrics to one place). Pass undefined to restore. */
export function setDefaultMetricSink(sink: MetricSink | undefined): void {
  defaultSink = sink;
}

/**
 * Turns a primitive's `meter` option into a sink: undefined → the default sink; an
 * OpenTelemetry Meter → OTel only, on that meter; a MetricSink → itself.
 */
export function resolveMetricSink(meter: Meter | MetricSink | undefined): MetricSink {
  if (meter === undefined) return defaultMetricSink();
  if (isSink(meter)) return meter;
  return otelSink(meter);
}

function isSink(value: Meter | MetricSink): value is MetricSink {
  const v = value as Partial<MetricSink>;
  return typeof v.observe === 'function' && typeof v.counter === 'function' && typeof v.histogram === 'function';
}
