import { opsPerSecond } from './stats.js';

/** One timed run of a contender, set up untimed beforehand and torn down untimed after. */
export interface Trial {
  /** The timed part: performs the scenario's operations. */
  run(): Promise<void>;
  /** Untimed clean-up (close the pool, collect its metrics, ...). */
  teardown(): Promise<void>;
  /**
   * The rate this trial measured itself, read after `teardown()`: for work timed by another
   * clock (a load generator in another process counts its own requests over its own run).
   * Default: InterleaveOptions.ops divided by the time `run()` took.
   */
  opsPerSecond?(): number;
}

/** A library under test in one scenario. */
export interface Contender {
  readonly name: string;
  /** Builds a fresh trial; `round` names it uniquely among open ones (e.g. `warmup-0`, `3`). */
  setup(round: string): Promise<Trial>;
}

export interface InterleaveOptions {
  /** Operations one trial performs; ops/s is computed from it. Required unless every trial has `opsPerSecond()`. */
  readonly ops?: number;
  /** Timed rounds. */
  readonly rounds: number;
  /** Untimed rounds first, so every contender is JIT-compiled before it is measured. Default 1. */
  readonly warmupRounds?: number;
  /** Runs before and after each round (e.g. to open and close a registry the trials share). */
  readonly around?: (round: string, body: () => Promise<void>) => Promise<void>;
  /** Called after each timed round with that round's ops/s per contender (in contender order). Default: nothing. */
  readonly onRound?: (round: number, opsPerSecond: ReadonlyMap<string, number>) => void;
}

/**
 * Runs every contender once per round, in an order that rotates each round (so none always
 * runs first, right after GC of the previous one's garbage, or last), after the warm-up
 * rounds. Returns each contender's ops/s per timed round, in contender order.
 */
export async function interleave(contenders: readonly Contender[], options: InterleaveOptions): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const warmupRounds = options.warmupRounds ?? 1;
  const around = options.around ?? ((_round, body) => body());
  for (let r = 0; r < warmupRounds + options.rounds; r++) {
    const timed = r >= warmupRounds;
    const label = timed ? String(r - warmupRounds) : `warmup-${r}`;
    const results = new Map<string, number>();
    await around(label, async () => {
      for (let k = 0; k < contenders.length; k++) {
        const contender = contenders[(r + k) % contenders.length] as Contender;
        const trial = await contender.setup(label);
        const t0 = performance.now();
        await trial.run();
        const elapsed = performance.now() - t0;
        await trial.teardown();
        results.set(contender.name, rate(contender.name, trial, options.ops, elapsed));
      }
    });
    if (!timed) continue;
    // Reported in contender order, whatever order they ran in.
    const ordered = new Map(contenders.map((c) => [c.name, results.get(c.name) as number]));
    for (const [name, value] of ordered) samples.get(name)?.push(value);
    options.onRound?.(r - warmupRounds, ordered);
  }
  return samples;
}

function rate(name: string, trial: Trial, ops: number | undefined, elapsedMs: number): number {
  if (trial.opsPerSecond !== undefined) return trial.opsPerSecond();
  if (ops === undefined) throw new Error(`bench: ${name}'s trial has no opsPerSecond() and interleave() was given no ops`);
  return opsPerSecond(ops, elapsedMs);
}
