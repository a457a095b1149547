// Stand-in for a metrics library whose probes and stopwatches hold a native handle (Disposable).
declare module 'heldout-metrics' {
  export class Probe {
    constructor(url: string);
    readonly url: string;
    check(): boolean;
    [Symbol.dispose](): void;
  }
  export class Stopwatch {
    elapsedMs(): number;
    [Symbol.dispose](): void;
  }
}
