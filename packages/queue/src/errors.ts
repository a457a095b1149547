import { LeakguardError } from '@leakguard/core';

/** The queue is closed (or closing): an add refused, or a queued task cancelled by close(). */
export class QueueClosedError extends LeakguardError {
  readonly queue: string;

  constructor(queue: string, what: string) {
    super('LEAKGUARD_QUEUE_CLOSED', `queue ${JSON.stringify(queue)} is closed; ${what}`);
    this.queue = queue;
  }
}

/** `onFull: 'reject'` and maxPending tasks were already pending. */
export class QueueFullError extends LeakguardError {
  readonly queue: string;
  readonly size: number;
  readonly limit: number;

  constructor(queue: string, size: number, limit: number) {
    super('LEAKGUARD_QUEUE_FULL', `queue ${JSON.stringify(queue)} is full: ${size} tasks pending (maxPending ${limit}); retry later, or use onFull: 'wait' for backpressure`);
    this.queue = queue;
    this.size = size;
    this.limit = limit;
  }
}

/** A task ran past its timeout; its signal was aborted with this error. */
export class TaskTimeoutError extends LeakguardError {
  readonly queue: string;
  readonly taskId: string;
  readonly timeoutMs: number;

  constructor(queue: string, taskId: string, timeoutMs: number) {
    super('LEAKGUARD_TASK_TIMEOUT', `queue ${JSON.stringify(queue)}: task ${JSON.stringify(taskId)} timed out after ${timeoutMs} ms; its signal was aborted`);
    this.queue = queue;
    this.taskId = taskId;
    this.timeoutMs = timeoutMs;
  }
}
