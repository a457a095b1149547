import { InvalidOptionError } from '@leakguard/core';
import { FlowProducer, Queue } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test/support/services.js';
import { JobCountsTimeoutError, instrumentBullQueue } from '../../src/bullmq/index.js';
import { QueueClosedError } from '../../src/errors.js';
import { bullFixture, eventually, sleep } from '../support/redis.js';

type Counts = Awaited<ReturnType<Queue['getJobCounts']>>;

/** Wraps getJobCounts on the instance: counts the calls (one Redis round trip each) and lets a test make them fail or hang. */
function spyOnCounts(queue: Queue): { calls: () => number; mode: (m: 'pass' | 'reject' | 'hang') => void; releaseHung: () => void } {
  const original = queue.getJobCounts.bind(queue);
  let calls = 0;
  let mode: 'pass' | 'reject' | 'hang' = 'pass';
  const hung: (() => void)[] = [];
  queue.getJobCounts = (...types) => {
    calls++;
    if (mode === 'reject') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    if (mode === 'hang') return new Promise<Counts>((resolve) => hung.push(() => void original(...types).then(resolve)));
    return original(...types);
  };
  return { calls: () => calls, mode: (m) => void (mode = m), releaseHung: () => hung.splice(0).forEach((r) => r()) };
}

describe('instrumentBullQueue', () => {
  beforeAll(() => requireService('redis'));

  it('reports depth by state (waiting, paused, delayed, prioritized, waiting-children as pending; active as running) and completed/failed as retained', async () => {
    await using f = bullFixture('depth');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let hanging = false;
    const worker = f.worker(async (job) => {
      if (job.name === 'bad') throw new Error('no such row');
      if (job.name === 'hang') {
        hanging = true;
        await gate;
      }
    });
    await f.queue.addBulk([{ name: 'ok', data: {} }, { name: 'ok', data: {} }, { name: 'bad', data: {} }]);
    await eventually(async () => expect(await f.queue.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 1 }));
    await f.queue.add('hang', {});
    await eventually(() => expect(hanging).toBe(true));
    // The worker (concurrency 1) is busy: everything added now stays pending.
    await f.queue.add('a', {});
    await f.queue.add('b', {});
    await f.queue.add('later', {}, { delay: 60_000 });
    await f.queue.add('urgent', {}, { priority: 1 });
    const flows = new FlowProducer({ connection: f.connection });
    try {
      await flows.add({ name: 'parent', queueName: f.name, children: [{ name: 'child', queueName: f.name }] });
    } finally {
      await flows.close();
    }

    using inst = instrumentBullQueue(f.queue, { meter: f.sink, logger: f.logger, sweeper: f.sweeper, refreshIntervalMs: 60_000 });
    expect(inst.name).toBe(f.name);
    await inst.refresh();
    // pending: 2 waiting + 1 delayed + 1 prioritized + the flow's parent (waiting-children) + its child (waiting)
    expect(await f.samples()).toMatchObject({ pending: 6, running: 1, completed: 2, failed: 1 });
    const text = await f.sink.registry.metrics();
    expect(text).toContain(`leakguard_queue_depth{leakguard_queue_name="${f.name}",leakguard_queue_backend="bullmq",leakguard_queue_state="pending"} 6`);
    expect(text).toContain(`leakguard_queue_retained{leakguard_queue_name="${f.name}",leakguard_queue_backend="bullmq",leakguard_queue_state="completed"} 2`);
    // BullMQ has no maxPending: no capacity series.
    expect(text).not.toContain('leakguard_queue_capacity{');
    expect(inst.stale).toBe(false);
    expect(inst.refreshedAt).toBeTypeOf('number');

    // A paused queue's jobs are still pending.
    await f.queue.pause();
    await f.queue.add('c', {});
    await inst.refresh();
    expect(await f.samples()).toMatchObject({ pending: 7, running: 1 });
    await f.queue.resume();
    release();
    await eventually(async () => {
      await inst.refresh();
      expect(await f.samples()).toMatchObject({ pending: 1, running: 0, completed: 9, failed: 1 }); // the delayed job is left
    });
    await worker.close();
    expect(f.lines).toEqual([]);
  });

  it('fetches the counts once per refreshIntervalMs on the Sweeper, however often it is scraped', async () => {
    await using f = bullFixture('interval');
    await f.queue.add('a', {});
    const spy = spyOnCounts(f.queue);
    const intervalMs = 250;
    const started = performance.now();
    using inst = instrumentBullQueue(f.queue, { meter: f.sink, logger: f.logger, sweeper: f.sweeper, refreshIntervalMs: intervalMs });
    // The first fetch starts at once, not one interval later.
    await eventually(async () => expect((await f.samples()).pending).toBe(1));
    let scrapes = 0;
    while (performance.now() - started < 4 * intervalMs) {
      await f.sink.registry.metrics();
      scrapes++;
      await sleep(5);
    }
    const elapsed = performance.now() - started;
    expect(scrapes).toBeGreaterThan(20);
    // One at construction, then one per tick (the shared timer may tick at any phase; a tick
    // right after the first fetch is skipped).
    expect(spy.calls()).toBeGreaterThanOrEqual(2);
    expect(spy.calls()).toBeLessThanOrEqual(Math.floor(elapsed / intervalMs) + 1);

    // Counts follow the queue at the next tick.
    await f.queue.add('b', {});
    await eventually(async () => expect((await f.samples()).pending).toBe(2), 3 * intervalMs + 2000);
    inst.close();
    const after = spy.calls();
    await sleep(2 * intervalMs);
    expect(spy.calls()).toBe(after);
  });

  it('keeps the last counts when a refresh fails, marks them stale, warns once per outage and says when they are current again', async () => {
    await using f = bullFixture('outage');
    await f.queue.add('a', {});
    const spy = spyOnCounts(f.queue);
    using inst = instrumentBullQueue(f.queue, { meter: f.sink, logger: f.logger, sweeper: f.sweeper, refreshIntervalMs: 60_000 });
    await inst.refresh();
    const fetchedAt = inst.refreshedAt;

    spy.mode('reject');
    await f.queue.add('b', {});
    await expect(inst.refresh()).rejects.toThrow('ECONNREFUSED');
    await expect(inst.refresh()).rejects.toThrow('ECONNREFUSED');
    expect(inst.stale).toBe(true);
    expect((inst.lastError as Error).message).toContain('ECONNREFUSED');
    expect(inst.refreshedAt).toBe(fetchedAt);
    expect((await f.samples()).pending).toBe(1); // the last counts, not zero and not gone
    expect(f.lines).toHaveLength(1);
    expect(f.lines[0]).toMatch(new RegExp(`^warn: bullmq queue "${f.name}": could not refresh job counts: connect ECONNREFUSED 127\\.0\\.0\\.1:6379; depth and retained metrics keep the counts from \\S+ until one succeeds`));

    spy.mode('pass');
    await inst.refresh();
    expect(inst.stale).toBe(false);
    expect((await f.samples()).pending).toBe(2);
    expect(f.lines).toHaveLength(2);
    expect(f.lines[1]).toMatch(new RegExp(`^info: bullmq queue "${f.name}": job counts are current again, after [\\d.]+ s of failed refreshes$`));

    // A second outage warns again.
    spy.mode('reject');
    await expect(inst.refresh()).rejects.toThrow();
    expect(f.lines).toHaveLength(3);
    expect(f.lines[2]).toMatch(/^warn: /);
  });

  it('counts a fetch not answered within the interval as failed, without sending another while it hangs, and applies its late answer', async () => {
    await using f = bullFixture('hang');
    const spy = spyOnCounts(f.queue);
    spy.mode('hang');
    using inst = instrumentBullQueue(f.queue, { meter: f.sink, logger: f.logger, sweeper: f.sweeper, refreshIntervalMs: 150 });
    await expect(inst.refresh()).rejects.toThrow(JobCountsTimeoutError);
    expect(inst.stale).toBe(true);
    expect((inst.lastError as Error).message).toBe(
      `bullmq queue "${f.name}": getJobCounts was not answered within 150 ms; check that Redis is reachable from this process (the Queue's connection keeps retrying)`,
    );
    // Before any answer nothing is reported: no series beats a series of made-up zeros.
    expect((await f.samples()).pending).toBeUndefined();
    expect(f.lines).toEqual([expect.stringMatching(/^warn: .*no depth is reported until a refresh succeeds/)]);
    await sleep(400);
    expect(spy.calls()).toBe(1); // one command in flight, never a pile of them
    spy.mode('pass');
    spy.releaseHung();
    await eventually(() => expect(inst.stale).toBe(false));
    expect((await f.samples()).pending).toBe(0);
    expect(f.lines[1]).toMatch(/^info: .*current again/);
  });

  it('says so when the Queue is closed before its instrumentation', async () => {
    await using f = bullFixture('closed-queue');
    // A second Queue object for the same queue, so the fixture's can still delete the keys.
    const producer = new Queue(f.name, { connection: f.connection });
    using inst = instrumentBullQueue(producer, { meter: f.sink, logger: f.logger, sweeper: f.sweeper, refreshIntervalMs: 60_000 });
    await inst.refresh();
    await producer.close();
    await expect(inst.refresh()).rejects.toThrow(QueueClosedError);
    expect(f.lines[0]).toContain('close its instrumentation (what instrumentBullQueue returned) with it');
  });

  it('close() cancels its Sweeper task, stops reporting, frees the name and the queue; bad input is refused', async () => {
    await using f = bullFixture('close');
    const tasks = f.sweeper.size;
    const inst = instrumentBullQueue(f.queue, { meter: f.sink, logger: f.logger, sweeper: f.sweeper, refreshIntervalMs: 1000 });
    expect(f.sweeper.size).toBe(tasks + 1);
    await inst.refresh();
    expect((await f.samples()).pending).toBe(0);
    expect(() => instrumentBullQueue(f.queue, { name: 'other-name', meter: f.sink, sweeper: f.sweeper })).toThrow(/already instrumented as/);

    inst.close();
    inst.close();
    expect(inst.closed).toBe(true);
    expect(f.sweeper.size).toBe(tasks);
    expect(f.sweeper.timerCount).toBe(0);
    expect((await f.samples()).pending).toBeUndefined();
    await inst.refresh(); // a no-op once closed

    using again = instrumentBullQueue(f.queue, { meter: f.sink, sweeper: f.sweeper, refreshIntervalMs: 1000 });
    expect(again.name).toBe(f.name);
    expect(() => instrumentBullQueue(f.queue, { meter: f.sink, sweeper: f.sweeper })).toThrow(InvalidOptionError);

    expect(() => instrumentBullQueue({} as Queue)).toThrow(/expected a BullMQ Queue/);
    const odd = { name: '1 odd name', getJobCounts: () => Promise.resolve({}) } as unknown as Queue;
    expect(() => instrumentBullQueue(odd)).toThrow(/cannot label metrics .* pass \{ name \}/);
    expect(() => instrumentBullQueue(odd, { name: 'fine', refreshIntervalMs: 0, sweeper: f.sweeper })).toThrow(/refreshIntervalMs must be an integer between 1/);
    expect(f.sweeper.size).toBe(tasks + 1);
  });
});
