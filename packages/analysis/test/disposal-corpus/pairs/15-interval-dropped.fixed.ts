// The fix: keep the id, clear it in stop().
export class BatchExporter {
  private readonly pending: string[] = [];
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly send: (batch: readonly string[]) => void) {
    this.timer = setInterval(() => this.flush(), 1000);
  }

  add(item: string): void {
    if (!this.stopped) this.pending.push(item);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.send(this.pending.splice(0));
  }
}
