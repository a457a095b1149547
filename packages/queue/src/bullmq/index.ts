// The BullMQ adapter: types only are imported from bullmq, so nothing here loads it.
export type { CloseWorkerOptions, CloseWorkerResult } from './closeWorker.js';
export { closeWorker } from './closeWorker.js';
export type { BullQueueInstrumentation, BullQueueInstrumentationOptions } from './instrumentBullQueue.js';
export { JobCountsTimeoutError, instrumentBullQueue } from './instrumentBullQueue.js';
export type { BullWorkerInstrumentation, BullWorkerInstrumentationOptions } from './instrumentBullWorker.js';
export { instrumentBullWorker } from './instrumentBullWorker.js';
export type { KeepJobsOverride, RetentionDefaults, RetentionOverrides } from './retentionDefaults.js';
export { retentionDefaults } from './retentionDefaults.js';
