// Stands in for a synchronisation library whose guards are only Disposable: the lock is let go
// by [Symbol.dispose]() or `using`, there is no named release method.
declare module 'corpus-sync' {
  export interface LockGuard {
    readonly key: string;
    [Symbol.dispose](): void;
  }
  export class Mutex {
    lock(key: string): LockGuard;
  }
}
