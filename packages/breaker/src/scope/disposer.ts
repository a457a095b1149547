import type { DisposeContext } from '@leakguard/core';

/**
 * Releases one instance; given the time left before the deadline. When given to `scoped` or
 * `perWorker` it is used instead of whatever the instance itself offers.
 */
export type DisposeFunction<T> = (instance: T, context: DisposeContext) => unknown;

type Offers = Partial<AsyncDisposable & Disposable & { close: () => unknown }>;

/** Whether `value` can be released: by `dispose`, or by its own asyncDispose, dispose or close. */
export function canDispose<T>(value: T, dispose: DisposeFunction<T> | undefined): boolean {
  if (dispose !== undefined) return true;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const v = value as Offers;
  return typeof v[Symbol.asyncDispose] === 'function' || typeof v[Symbol.dispose] === 'function' || typeof v.close === 'function';
}

/** Releases `value` and waits for it: `dispose`, else asyncDispose, dispose, close — the first there is. */
export async function disposeValue<T>(value: T, dispose: DisposeFunction<T> | undefined, context: DisposeContext): Promise<void> {
  if (dispose !== undefined) {
    await dispose(value, context);
    return;
  }
  const v = value as Offers;
  const asyncDispose = v[Symbol.asyncDispose];
  const syncDispose = v[Symbol.dispose];
  if (typeof asyncDispose === 'function') await asyncDispose.call(v);
  else if (typeof syncDispose === 'function') syncDispose.call(v);
  else if (typeof v.close === 'function') await v.close();
}

/**
 * Releases `value` without waiting, for `process.on('exit')`, where no later turn of the event
 * loop comes. A synchronous disposer ([Symbol.dispose] is preferred here) finishes; an
 * asynchronous one only runs up to its first `await`. Its later failure goes to `onLateError`.
 */
export function disposeValueSync<T>(value: T, dispose: DisposeFunction<T> | undefined, onLateError: (error: unknown) => void): void {
  const v = value as Offers;
  const asyncDispose = v[Symbol.asyncDispose];
  const syncDispose = v[Symbol.dispose];
  let result: unknown;
  if (dispose !== undefined) result = dispose(value, { timeoutMs: 0 });
  else if (typeof syncDispose === 'function') result = syncDispose.call(v);
  else if (typeof asyncDispose === 'function') result = asyncDispose.call(v);
  else if (typeof v.close === 'function') result = v.close();
  if (isThenable(result)) result.then(undefined, onLateError);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}
