import type { DataPoint, Histogram } from '@opentelemetry/sdk-metrics';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** A reader that collects on demand, for tests. */
class PullReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface OtelHarness extends AsyncDisposable {
  readonly provider: MeterProvider;
  /** Collects now and returns data points by metric name. */
  collect(): Promise<Map<string, { unit: string; description: string; points: DataPoint<number | Histogram>[] }>>;
}

export function otelHarness(): OtelHarness {
  const reader = new PullReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    provider,
    async collect() {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
      const out = new Map<string, { unit: string; description: string; points: DataPoint<number | Histogram>[] }>();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const m of scope.metrics) {
          out.set(m.descriptor.name, { unit: m.descriptor.unit, description: m.descriptor.description, points: m.dataPoints as DataPoint<number | Histogram>[] });
        }
      }
      return out;
    },
    [Symbol.asyncDispose]: () => provider.shutdown(),
  };
}
