// A process-wide sampler with no close method: its interval is unref'd, so it never keeps the
// process alive, and there is nothing to clear it from.
export class EventLoopSampler {
  private last = process.hrtime.bigint();
  private worstLagMs = 0;

  constructor(intervalMs = 500) {
    setInterval(() => this.sample(intervalMs), intervalMs).unref();
  }

  get worstLag(): number {
    return this.worstLagMs;
  }

  private sample(intervalMs: number): void {
    const now = process.hrtime.bigint();
    const lag = Number(now - this.last) / 1e6 - intervalMs;
    this.last = now;
    this.worstLagMs = Math.max(this.worstLagMs, lag);
  }
}

export class MemoryWatermark {
  private readonly timer: NodeJS.Timeout;
  private highest = 0;

  constructor() {
    this.timer = setInterval(() => {
      this.highest = Math.max(this.highest, process.memoryUsage().rss);
    }, 1000);
    this.timer.unref();
  }

  get highestRss(): number {
    return this.highest;
  }
}
