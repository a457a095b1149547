/** The middle value of `values` (the mean of the two middle ones for an even count). Throws on an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Operations per second for `ops` operations that took `elapsedMs` milliseconds. */
export function opsPerSecond(ops: number, elapsedMs: number): number {
  // A run too short for the clock to see counts as one microsecond rather than dividing by zero.
  return ops / (Math.max(elapsedMs, 0.001) / 1000);
}
