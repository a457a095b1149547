import { isMainThread, parentPort } from 'node:worker_threads';
import type { Logger } from '@leakguard/core';
import type { DisposeTarget } from '@leakguard/core';
import { disposeInOrder } from '@leakguard/core';

/** A perWorker instance of this thread, as the exit hooks see it. */
export interface ThreadMember extends DisposeTarget {
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Releases the instance synchronously as far as its disposer allows; throws what it throws. */
  disposeSync(): void;
}

// Module state is per thread: every worker loads its own copy of this module.
const live = new Set<ThreadMember>();
let listening = false;
let draining: Promise<void> | undefined;

/** Adds (or moves to newest) a member; the hooks are installed while any member lives. */
export function joinThread(member: ThreadMember): void {
  live.delete(member);
  live.add(member);
  if (!listening) {
    listening = true;
    process.on('beforeExit', onBeforeExit);
    process.on('exit', onExit);
    // A 'close' listener does not keep the port (or the worker) alive; a 'message' one would.
    if (!isMainThread) parentPort?.on('close', onPortClose);
  }
}

/** Removes a member; the hooks go with the last one, so a thread without instances has none. */
export function leaveThread(member: ThreadMember): void {
  live.delete(member);
  if (live.size === 0 && listening) {
    listening = false;
    process.off('beforeExit', onBeforeExit);
    process.off('exit', onExit);
    if (!isMainThread) parentPort?.off('close', onPortClose);
  }
}

// The event loop emptied: the thread is about to end normally, and async work may still run
// (scheduling it keeps the loop going; 'beforeExit' fires again once it is done).
function onBeforeExit(): void {
  drain('the event loop emptied');
}

// The worker closed its parentPort: it is done, but a server or socket instance would keep
// its loop alive forever, so dispose now and let it end.
function onPortClose(): void {
  drain("the worker's parentPort closed");
}

// Only synchronous code runs here: a [Symbol.dispose] finishes, an async disposer only starts.
function onExit(): void {
  for (const member of [...live].reverse()) {
    try {
      member.disposeSync();
    } catch (error) {
      member.logger.error(`per-worker value ${JSON.stringify(member.name)} failed to dispose as the thread exited: ${messageOf(error)}`, { error });
    }
  }
}

function drain(reason: string): void {
  if (draining !== undefined || live.size === 0) return;
  const members = [...live].reverse();
  const timeoutMs = Math.max(...members.map((m) => m.timeoutMs));
  draining = disposeInOrder(members, timeoutMs, (members[0] as ThreadMember).logger)
    .then((failures) => {
      for (const { target, error } of failures) target.logger.error(`per-worker value ${JSON.stringify(target.name)} did not dispose cleanly when ${reason}: ${error.message}`, { error });
    })
    .catch(() => {}) // A logger that throws must not become an unhandled rejection at exit.
    .finally(() => {
      draining = undefined;
    });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
