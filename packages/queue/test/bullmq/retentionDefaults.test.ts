import { InvalidOptionError } from '@leakguard/core';
import type { Job, Queue } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test/support/services.js';
import { retentionDefaults } from '../../src/bullmq/index.js';
import { bullFixture, eventually } from '../support/redis.js';

/** How many of `jobs` still have their hash (data, result or stack trace) in Redis. */
async function stored(queue: Queue, jobs: readonly Job[]): Promise<number> {
  const found = await Promise.all(jobs.map((j) => queue.getJob(j.id as string)));
  return found.filter((j) => j !== undefined).length;
}

describe('retentionDefaults', () => {
  it('keeps 1000 jobs of each kind, completed ones an hour and failed ones a day (ages in seconds)', () => {
    expect(retentionDefaults()).toEqual({ removeOnComplete: { count: 1000, age: 3600 }, removeOnFail: { count: 1000, age: 86_400 } });
  });

  it('merges overrides field by field, and refuses what would keep every job or is not a count', () => {
    expect(retentionDefaults({ removeOnComplete: { count: 50 }, removeOnFail: { age: 60, limit: 100 } })).toEqual({
      removeOnComplete: { count: 50, age: 3600 },
      removeOnFail: { count: 1000, age: 60, limit: 100 },
    });
    expect(retentionDefaults({ removeOnComplete: { age: undefined } })).toEqual({ removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000, age: 86_400 } });
    expect(() => retentionDefaults({ removeOnFail: { count: undefined, age: undefined } })).toThrow(/removeOnFail needs a count or an age; with neither, BullMQ keeps every finished job/);
    expect(() => retentionDefaults({ removeOnComplete: { age: -1 } })).toThrow(/removeOnComplete\.age must be an integer >= 0 \(seconds\), got -1/);
    expect(() => retentionDefaults({ removeOnComplete: { count: 1.5 } })).toThrow(InvalidOptionError);
    expect(() => retentionDefaults({ removeOnComplete: 10 as never })).toThrow(/must be an object like \{ count: 1000, age: 3600 \}/);
    expect(() => retentionDefaults(null as never)).toThrow(InvalidOptionError);
  });

  describe('against Redis', () => {
    beforeAll(() => requireService('redis'));

    it("as the Queue's defaultJobOptions: finished jobs beyond the counts leave Redis", async () => {
      await using f = bullFixture('retention', { queue: { defaultJobOptions: retentionDefaults({ removeOnComplete: { count: 5 }, removeOnFail: { count: 3 } }) } });
      let ended = 0;
      const worker = f.worker(
        async (job) => {
          if (job.name === 'bad') throw new Error('bad job');
        },
        { concurrency: 4 },
      );
      worker.on('completed', () => void ended++);
      worker.on('failed', () => void ended++);
      const jobs = [
        ...(await f.queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'ok', data: { i } })))),
        ...(await f.queue.addBulk(Array.from({ length: 10 }, (_, i) => ({ name: 'bad', data: { i } })))),
      ];
      await eventually(() => expect(ended).toBe(30), 10_000);
      expect(await f.queue.getJobCounts('completed', 'failed')).toEqual({ completed: 5, failed: 3 });
      expect(await stored(f.queue, jobs)).toBe(8);
    });

    it("as the Worker's options: covers jobs added without retention", async () => {
      await using f = bullFixture('retention-worker');
      let ended = 0;
      const worker = f.worker(async () => 'ok', { concurrency: 4, ...retentionDefaults({ removeOnComplete: { count: 4 } }) });
      worker.on('completed', () => void ended++);
      const jobs = await f.queue.addBulk(Array.from({ length: 15 }, (_, i) => ({ name: 'ok', data: { i } })));
      await eventually(() => expect(ended).toBe(15), 10_000);
      expect(await f.queue.getJobCounts('completed')).toEqual({ completed: 4 });
      expect(await stored(f.queue, jobs)).toBe(4);
    });
  });
});
