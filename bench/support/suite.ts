/** What the runner passes every suite. */
export interface SuiteOptions {
  /** Timed rounds per scenario; the report gives their median. */
  readonly rounds: number;
  /** Multiplies each scenario's operation count (0.01 for a smoke run). */
  readonly scale: number;
  /** Writes a progress line; the runner sends it to stderr so stdout stays clean for --json. */
  readonly progress: (line: string) => void;
}

/** One scenario's measurements: each contender's value in every timed round. */
export interface ScenarioResult {
  readonly name: string;
  /** What was run, e.g. `200 workers, max 10, 200000 acquire+release`. */
  readonly description: string;
  /** Contender → one value per timed round, contenders in the suite's order. */
  readonly samples: ReadonlyMap<string, readonly number[]>;
}

export interface SuiteResult {
  readonly suite: string;
  /** Unit of every value, e.g. `ops/s`. */
  readonly unit: string;
  /** True when a larger value is better (throughput), false for latencies. */
  readonly higherIsBetter: boolean;
  /** The established libraries every other contender is compared with. */
  readonly anchors: readonly string[];
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly scenarios: readonly ScenarioResult[];
  /** Lines the table ends with, for what is not a rate per contender (e.g. a memory measurement against its target). Default: none. */
  readonly notes?: readonly string[];
  /** The `--json` object, for a suite whose issue gives a shape other than `{ suite, unit, scenarios }`. Default: that shape. */
  readonly json?: Readonly<Record<string, unknown>>;
}

/** A benchmark suite: `bench/<name>.ts` exports one as `suite`. */
export interface Suite {
  readonly name: string;
  /** One line: what the suite measures. */
  readonly description: string;
  run(options: SuiteOptions): Promise<SuiteResult>;
}
