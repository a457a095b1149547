// A feed watcher polls on an interval. `stop()` clears the interval only when a failed poll has
// already marked the watcher closed; a normal stop leaves the interval running, polling a feed
// nobody reads and keeping the process alive.
export class FeedWatcher {
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly poll: () => Promise<void>) {}

  start(): void {
    this.timer = setInterval(() => void this.poll().catch(() => this.fail()), 5_000); // leak: stop() clears it only when a failed poll already closed the watcher
  }

  private fail(): void {
    this.closed = true;
  }

  stop(): void {
    if (this.closed) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.closed = true;
  }
}
