// @leakguard/core/otel-producer: leakguard's metrics for an OpenTelemetry SDK MetricReader,
// aggregated by leakguard. A separate entry point because it needs @opentelemetry/sdk-metrics
// (an optional peer dependency): the main entry works with the API alone.
import type { HrTime } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import type { CollectionResult, DataPoint, Histogram, MetricData, MetricProducer, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { MetricDefinition } from './catalog/MetricDefinition.js';
import { InvalidOptionError } from './errors.js';
import type { CounterInstrument, HistogramInstrument, MetricSink, Observation, Observe } from './sinks/MetricSink.js';
import { AggregatingSink, CounterAggregate, HistogramAggregate, MemorySink } from './sinks/aggregation.js';
import { METER_NAME } from './sinks/OtelSink.js';

/** A MetricSink that is also an OpenTelemetry SDK MetricProducer. */
export interface OtelMetricProducer extends MetricSink, MetricProducer {}

export interface OtelMetricProducerOptions {
  /**
   * Export what this sink has aggregated instead of aggregating separately: pass your
   * `prometheusSink(...)` and every value is recorded once and exported to both Prometheus and
   * OpenTelemetry. Default: the producer aggregates on its own.
   */
  readonly sink?: MetricSink;
}

/**
 * leakguard's metrics as an OTel MetricProducer: pass it (or the sink it reads from) as
 * `meter` to primitives and add it to your reader:
 * `new PeriodicExportingMetricReader({ exporter, metricProducers: [producer] })`.
 *
 * Why: through the OTel API (`otelSink(meter)`) every histogram record goes through the SDK's
 * attribute hashing (measured ~550 ns per record with sdk-metrics 2.x); a pool records twice
 * per acquire. Here leakguard aggregates (a bucket search and a few additions per record) and
 * hands the reader finished cumulative data at collect time. Data points are reported under
 * the instrumentation scope `@leakguard/core`; the reader keeps its own Resource.
 */
export function otelMetricProducer(options: OtelMetricProducerOptions = {}): OtelMetricProducer {
  const source = options.sink ?? new MemorySink();
  if (!(source instanceof AggregatingSink)) {
    throw new InvalidOptionError('otelMetricProducer: sink must be a sink leakguard aggregates in (prometheusSink(...) or another otelMetricProducer()); an otelSink or a fanoutSink has nothing to export');
  }
  return new ProducerSink(source);
}

// The reader merges only scopeMetrics from producers and keeps its own Resource.
const READER_KEEPS_ITS_RESOURCE = {} as ResourceMetrics['resource'];

class ProducerSink extends AggregatingSink implements OtelMetricProducer {
  readonly #start = hrTime();
  readonly #source: AggregatingSink;

  constructor(source: AggregatingSink) {
    super();
    this.#source = source;
  }

  // Recording goes to the source, so a value recorded through either is exported by both.
  override counter(def: MetricDefinition): CounterInstrument {
    return this.#source.counter(def);
  }

  override histogram(def: MetricDefinition): HistogramInstrument {
    return this.#source.histogram(def);
  }

  override observe(def: MetricDefinition, callback: (observe: Observe) => void): Observation {
    return this.#source.observe(def, callback);
  }

  override aggregates(): ReturnType<AggregatingSink['aggregates']> {
    return this.#source.aggregates();
  }

  async collect(): Promise<CollectionResult> {
    const end = hrTime();
    const metrics: MetricData[] = [];
    const errors: unknown[] = [];
    for (const agg of this.aggregates()) {
      const def = agg.def;
      const descriptor = { name: def.name, description: def.description, unit: def.unit, valueType: ValueType.DOUBLE };
      const base = { startTime: this.#start, endTime: end };
      if (agg instanceof HistogramAggregate) {
        const dataPoints: DataPoint<Histogram>[] = [...agg.points()].map((p) => ({
          ...base,
          attributes: { ...p.attributes },
          value: {
            buckets: { boundaries: [...agg.bounds], counts: [...p.counts] },
            sum: p.sum,
            count: p.count,
            ...(p.count > 0 ? { min: p.min, max: p.max } : {}),
          },
        }));
        metrics.push({ descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPointType: DataPointType.HISTOGRAM, dataPoints });
        continue;
      }
      let points;
      try {
        points = agg instanceof CounterAggregate ? [...agg.points()] : agg.collect();
      } catch (error) {
        errors.push(error);
        continue;
      }
      const dataPoints: DataPoint<number>[] = points.map((p) => ({ ...base, attributes: { ...p.attributes }, value: p.value }));
      if (def.instrument === 'observableGauge') {
        metrics.push({ descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPointType: DataPointType.GAUGE, dataPoints });
      } else {
        const isMonotonic = def.instrument === 'counter' || def.instrument === 'observableCounter';
        metrics.push({ descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPointType: DataPointType.SUM, dataPoints, isMonotonic });
      }
    }
    return { resourceMetrics: { resource: READER_KEEPS_ITS_RESOURCE, scopeMetrics: [{ scope: { name: METER_NAME }, metrics }] }, errors };
  }
}

function hrTime(): HrTime {
  const ms = performance.timeOrigin + performance.now();
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}
