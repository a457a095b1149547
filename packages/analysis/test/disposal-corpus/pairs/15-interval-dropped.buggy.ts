// A batching exporter flushes on an interval whose id is thrown away, so stop() cannot clear it
// and the exporter keeps flushing (and the process keeps running) after it was stopped.
export class BatchExporter {
  private readonly pending: string[] = [];
  private stopped = false;

  constructor(private readonly send: (batch: readonly string[]) => void) {
    setInterval(() => this.flush(), 1000); // leak: interval id dropped
  }

  add(item: string): void {
    if (!this.stopped) this.pending.push(item);
  }

  stop(): void {
    this.stopped = true;
    this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.send(this.pending.splice(0));
  }
}
