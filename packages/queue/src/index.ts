export type { AddOptions, Queue, QueueOptions, RetentionOptions, TaskContext, TaskRecord } from './createQueue.js';
export { createQueue } from './createQueue.js';
export { QueueClosedError, QueueFullError, TaskTimeoutError } from './errors.js';
export type { QueueBackend, QueueLevels, TaskOutcome } from './QueueMetrics.js';
export { QueueMetrics } from './QueueMetrics.js';
export type {
  BullQueueInstrumentation,
  BullQueueInstrumentationOptions,
  BullWorkerInstrumentation,
  BullWorkerInstrumentationOptions,
  CloseWorkerOptions,
  CloseWorkerResult,
  KeepJobsOverride,
  RetentionDefaults,
  RetentionOverrides,
} from './bullmq/index.js';
export { JobCountsTimeoutError, closeWorker, instrumentBullQueue, instrumentBullWorker, retentionDefaults } from './bullmq/index.js';
