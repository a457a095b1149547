export type DeadlineOutcome<T> = { timedOut: false; value: T } | { timedOut: true };

/**
 * Waits for `promise` at most `ms`. The timer is unref'd (it never keeps the process
 * alive) and cleared as soon as the promise settles. Rejections pass through.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<DeadlineOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DeadlineOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), Math.max(0, ms));
    timer.unref();
  });
  try {
    return await Promise.race([promise.then((value) => ({ timedOut: false as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
