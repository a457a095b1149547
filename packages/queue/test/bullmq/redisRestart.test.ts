import { beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test/support/services.js';
import { instrumentBullQueue, instrumentBullWorker } from '../../src/bullmq/index.js';
import { bullFixture, eventually, privateRedis, sleep } from '../support/redis.js';

describe('BullMQ adapter across a Redis restart', () => {
  // The restart happens on a redis-server of the test's own; the shared one only has to be up.
  beforeAll(() => requireService('redis'));

  it('reports the outage (stale counts, one warning), recovers, and every job added completes exactly once', async () => {
    await using redis = await privateRedis();
    await using f = bullFixture('restart', { port: redis.port });
    const runs = new Map<string, number>();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding = false;
    // runRetryDelay: how soon the worker retries after a connection error (BullMQ's default is 15 s).
    const worker = f.worker(
      async (job) => {
        runs.set(job.id as string, (runs.get(job.id as string) ?? 0) + 1);
        if (job.name === 'held') {
          holding = true;
          await held; // still running when Redis dies; finishes while it is down
        }
        return job.id;
      },
      { concurrency: 1, runRetryDelay: 100 },
    );
    using queueInst = instrumentBullQueue(f.queue, { meter: f.sink, logger: f.logger, sweeper: f.sweeper, refreshIntervalMs: 200 });
    using _workerInst = instrumentBullWorker(worker, { meter: f.sink, logger: f.logger });

    const jobs = [
      ...(await f.queue.addBulk(Array.from({ length: 5 }, (_, i) => ({ name: 'before', data: { i } })))),
      await f.queue.add('held', {}),
      ...(await f.queue.addBulk(Array.from({ length: 10 }, (_, i) => ({ name: 'behind', data: { i } })))),
    ];
    await eventually(() => expect(holding).toBe(true));
    await eventually(async () => expect(await f.samples()).toMatchObject({ pending: 10, running: 1, completed: 5, success: 5 }));

    await redis.kill();
    await eventually(() => expect(queueInst.stale).toBe(true), 5000);
    expect(f.lines).toEqual([expect.stringMatching(new RegExp(`^warn: bullmq queue "${f.name}": could not refresh job counts: .*keep the counts from .* until one succeeds`))]);
    // The last counts are still reported: an outage is not an empty queue; the failures are counted.
    expect(await f.samples()).toMatchObject({ pending: 10, running: 1, completed: 5 });
    expect((await f.samples()).refreshFailures).toBeGreaterThanOrEqual(1);

    // Added while Redis is down: held by the client, sent once it reconnects.
    const late = f.queue.addBulk(Array.from({ length: 3 }, (_, i) => ({ name: 'late', data: { i } })));
    release(); // the held job's result is saved after the restart
    await sleep(300);
    expect(f.lines).toHaveLength(1); // still one warning for the whole outage

    await redis.start();
    jobs.push(...(await late));
    expect(jobs).toHaveLength(19);
    await eventually(async () => expect(await f.queue.getJobCounts('completed')).toEqual({ completed: 19 }), 12_000);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(19);
    for (const job of jobs) expect(runs.get(job.id as string), `runs of job ${job.id}`).toBe(1);

    await eventually(() => expect(queueInst.stale).toBe(false), 5000);
    // Recovered: the failure count stops growing.
    const failuresAfter = (await f.samples()).refreshFailures;
    await sleep(500);
    expect((await f.samples()).refreshFailures).toBe(failuresAfter);
    expect(f.lines[1]).toMatch(new RegExp(`^info: bullmq queue "${f.name}": job counts are current again, after [\\d.]+ s of failed refreshes$`));
    await eventually(async () => expect(await f.samples()).toMatchObject({ pending: 0, running: 0, completed: 19, failed: 0, success: 19, failure: 0, runs: 19 }));
  });
});
