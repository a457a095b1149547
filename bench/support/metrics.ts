import type { MetricDefinition, MetricSink } from '@leakguard/core';
import { prometheusName, prometheusSink } from '@leakguard/core';
import { otelMetricProducer } from '@leakguard/core/otel-producer';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** The sink a leakguard contender reports to, and what to do with it after the timed run. */
export interface Metrics {
  readonly sink: MetricSink;
  /** Called after the timed run, before the primitive closes. */
  readonly finish: () => Promise<void>;
}

/** An OTel reader that exports nowhere: `collect()` makes the SDK aggregate, which is all the benchmark needs. */
class CollectOnlyReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/**
 * Metrics on, as an application would run them: a real OTel SDK MeterProvider whose reader
 * takes leakguard's aggregates through `otelMetricProducer`, and a prom-client registry
 * (prometheusSink's own private one) — one aggregation, exported to both (ADR 0004). After
 * the run, one OTel collection and one Prometheus scrape, untimed: a scrape happens every few
 * seconds, not per operation, and doing one proves `expected` reached both exporters.
 */
export function withMetrics(expected: MetricDefinition): Metrics {
  const prometheus = prometheusSink();
  const reader = new CollectOnlyReader({ metricProducers: [otelMetricProducer({ sink: prometheus })] });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    sink: prometheus,
    finish: async () => {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new AggregateError(errors, 'bench: OTel collection failed');
      const otelNames = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name));
      if (!otelNames.includes(expected.name)) throw new Error(`bench: the OTel collection has no ${expected.name}`);
      const text = await prometheus.registry.metrics();
      if (!text.includes(prometheusName(expected))) throw new Error(`bench: the Prometheus scrape has no ${prometheusName(expected)}`);
      await meterProvider.shutdown();
    },
  };
}
