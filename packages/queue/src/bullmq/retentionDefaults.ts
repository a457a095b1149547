import type { KeepJobs } from 'bullmq';
import { InvalidOptionError, describeValue as describe } from '@leakguard/core';

/** One side of BullMQ's retention, as an override: any field given replaces the default's. */
export interface KeepJobsOverride {
  /** Most finished jobs of this kind kept in Redis. */
  readonly count?: number;
  /** Oldest a finished job may get before it is removed, in SECONDS (BullMQ's unit, not ms). */
  readonly age?: number;
  /** Most jobs removed by age in one pass (BullMQ's `limit`); only used with an age. */
  readonly limit?: number;
}

export interface RetentionOverrides {
  /** Default `{ count: 1000, age: 3600 }`: the last 1000 completed jobs, none older than an hour. */
  readonly removeOnComplete?: KeepJobsOverride;
  /** Default `{ count: 1000, age: 86400 }`: the last 1000 failed jobs, none older than a day. */
  readonly removeOnFail?: KeepJobsOverride;
}

/** BullMQ job and worker options that keep Redis bounded; both fields are BullMQ `KeepJobs`. */
export interface RetentionDefaults {
  readonly removeOnComplete: KeepJobs;
  readonly removeOnFail: KeepJobs;
}

const COMPLETED = { count: 1000, age: 3600 } as const;
const FAILED = { count: 1000, age: 86_400 } as const;

/**
 * Retention for BullMQ jobs: `{ removeOnComplete: { count: 1000, age: 3600 }, removeOnFail:
 * { count: 1000, age: 86400 } }` (ages in seconds, as BullMQ wants them), with `overrides`
 * merged field by field (`{ removeOnComplete: { count: 100 } }` keeps the one-hour age; pass
 * `age: undefined` to drop the age bound).
 *
 * Why: BullMQ keeps every finished job — its hash, data, return value or stack trace — in
 * Redis forever unless told otherwise, so a busy queue fills Redis until it evicts keys or
 * refuses writes. Spread the result into the Queue's `defaultJobOptions` (every job added
 * carries it) and into the Worker's options (covers jobs added without it). BullMQ enforces
 * both bounds when a job of the same kind finishes, not on a timer.
 */
export function retentionDefaults(overrides: RetentionOverrides = {}): RetentionDefaults {
  if (overrides === null || typeof overrides !== 'object') {
    throw new InvalidOptionError(`retentionDefaults: overrides must be an object like { removeOnComplete: { count: 100 } }, got ${describe(overrides)}`);
  }
  return {
    removeOnComplete: merge('removeOnComplete', COMPLETED, overrides.removeOnComplete),
    removeOnFail: merge('removeOnFail', FAILED, overrides.removeOnFail),
  };
}

function merge(option: string, defaults: { readonly count: number; readonly age: number }, override: KeepJobsOverride | undefined): KeepJobs {
  if (override !== undefined && (override === null || typeof override !== 'object')) {
    throw new InvalidOptionError(`retentionDefaults: ${option} must be an object like { count: 1000, age: 3600 } (age in seconds), got ${describe(override)}`);
  }
  const merged = { ...defaults, ...override };
  for (const field of ['count', 'age', 'limit'] as const) {
    const value = merged[field as keyof typeof merged];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw new InvalidOptionError(`retentionDefaults: ${option}.${field} must be an integer >= 0${field === 'age' ? ' (seconds)' : ''}, got ${describe(value)}`);
    }
  }
  const { count, age, limit } = merged as KeepJobsOverride;
  if (age !== undefined) return { age, ...(count === undefined ? {} : { count }), ...(limit === undefined ? {} : { limit }) };
  if (count !== undefined) return { count };
  // Neither bound: BullMQ would keep every job, which is what this function exists to prevent.
  throw new InvalidOptionError(`retentionDefaults: ${option} needs a count or an age; with neither, BullMQ keeps every finished job in Redis`);
}
