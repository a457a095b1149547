// Stands in for @leakguard/pool: acquire() lends a resource on a lease, which goes back with
// release() (or destroy() when broken), or with `using`.
declare module 'corpus-lease-pool' {
  export interface Lease<T> {
    readonly resource: T;
    readonly returned: boolean;
    release(): void;
    destroy(): void;
    [Symbol.dispose](): void;
  }
  export interface Pool<T> {
    acquire(): Promise<Lease<T>>;
    close(): Promise<void>;
  }
  export interface PoolOptions<T> {
    readonly create: () => Promise<T>;
    readonly destroy: (resource: T) => Promise<void>;
    readonly max: number;
  }
  export function createPool<T>(options: PoolOptions<T>): Pool<T>;
}
