// A feed watcher polls on an interval; `stop()` clears it whatever state the watcher is in.
export class FeedWatcher {
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly poll: () => Promise<void>) {}

  start(): void {
    this.timer = setInterval(() => void this.poll().catch(() => this.fail()), 5_000);
  }

  private fail(): void {
    this.closed = true;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.closed = true;
  }
}
