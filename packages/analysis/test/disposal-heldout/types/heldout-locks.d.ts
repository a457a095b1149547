// Stand-in for a distributed lock service: a checked-out lock must be checked in (or discarded).
declare module 'heldout-locks' {
  export interface ShardLock {
    readonly key: string;
    readonly frozen: boolean;
    run(move: string): Promise<void>;
    checkin(): void;
    discard(): void;
  }
  export class LockManager {
    checkout(key: string): Promise<ShardLock>;
  }
}
