export type { Lease, Pool, PoolOptions, PoolStats } from './createPool.js';
export { createPool } from './createPool.js';
export type { PoolState } from './errors.js';
export { CreateTimeoutError, LeaseError, PoolClosedError, PoolFullError, PoolTimeoutError } from './errors.js';
export type { EvictionReason, PoolLevels } from './PoolMetrics.js';
export { PoolMetrics } from './PoolMetrics.js';
export type { LeakWatch } from './LeakDetector.js';
export { LeakDetector } from './LeakDetector.js';
