import { InvalidOptionError } from '@leakguard/core';
import type { Worker } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test/support/services.js';
import { closeWorker } from '../../src/bullmq/index.js';
import { bullFixture, connectedClients, eventually, privateRedis, sleep } from '../support/redis.js';

/** The worker's own connection has ended: nothing of it is left open. */
async function connectionEnded(worker: Worker): Promise<boolean> {
  return (await worker.client).status === 'end';
}

describe('closeWorker', () => {
  beforeAll(() => requireService('redis'));

  it('lets running jobs finish and closes without forcing when they end before the deadline', async () => {
    // A server of its own, so the connections left open can be counted.
    await using redis = await privateRedis();
    await using f = bullFixture('close-graceful', { port: redis.port });
    let started = 0;
    const worker = f.worker(
      async () => {
        started++;
        await sleep(150);
        return 'ok';
      },
      { concurrency: 2 },
    );
    await f.queue.addBulk([
      { name: 'a', data: {} },
      { name: 'b', data: {} },
      { name: 'c', data: {} },
    ]);
    await eventually(() => expect(started).toBe(2));
    const result = await closeWorker(worker, { timeoutMs: 5000, logger: f.logger });
    expect(result).toEqual({ forced: false, closed: true });
    // The two running jobs finished and were saved; the third was never taken.
    expect(await f.queue.getJobCounts('completed', 'active', 'waiting')).toMatchObject({ completed: 2, active: 0, waiting: 1 });
    expect(worker.isRunning()).toBe(false);
    expect(await connectionEnded(worker)).toBe(true);
    // Only the Queue's connection is left: the worker's two (commands, blocking fetch) are gone.
    await eventually(async () => expect(await connectedClients(redis.port)).toBe(1));
    expect(f.lines).toEqual([]);
  });

  it('closes an idle worker at once, leaving no connection behind', async () => {
    await using redis = await privateRedis();
    await using f = bullFixture('close-idle', { port: redis.port });
    await f.queue.waitUntilReady();
    const worker = f.worker(async () => 'ok');
    await worker.waitUntilReady();
    await eventually(async () => expect(await connectedClients(redis.port)).toBe(3));
    await sleep(50); // the worker is now blocked waiting for a job
    const t0 = performance.now();
    expect(await closeWorker(worker, { timeoutMs: 5000, logger: f.logger })).toEqual({ forced: false, closed: true });
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(await connectionEnded(worker)).toBe(true);
    await sleep(100); // pause() reconnecting its blocking connection must not outlive the close
    expect(await connectedClients(redis.port)).toBe(1);
  });

  it('forces the close after the deadline when a job hangs, and the job is not lost: it runs again elsewhere once its lock expires', async () => {
    await using f = bullFixture('close-forced');
    let release!: () => void;
    const hang = new Promise<void>((r) => (release = r));
    let started = false;
    // A short lock and stalled-check interval, so the abandoned job is handed out again within
    // the test (the first worker's check also sets how long other workers skip theirs).
    const stuck = f.worker(
      async () => {
        started = true;
        await hang;
        return 'too late';
      },
      { lockDuration: 800, stalledInterval: 300 },
    );
    const job = await f.queue.add('hangs', {});
    await eventually(() => expect(started).toBe(true));

    const t0 = performance.now();
    const result = await closeWorker(stuck, { timeoutMs: 300, logger: f.logger });
    const took = performance.now() - t0;
    expect(result).toEqual({ forced: true, closed: true });
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2500);
    expect(await connectionEnded(stuck)).toBe(true);
    expect(f.lines).toEqual([
      `warn: closeWorker: the worker of queue "${f.name}" still had jobs running after 300 ms; closing it without waiting for them. BullMQ gives those jobs to a worker again once their lock expires (lockDuration 800 ms)`,
    ]);
    // The abandoned processor finishing later changes nothing in Redis.
    release();
    await sleep(50);
    expect(await job.getState()).toBe('active');

    let ranAgain = 0;
    f.worker(
      async () => {
        ranAgain++;
        return 'second worker';
      },
      { stalledInterval: 300 },
    );
    await eventually(async () => expect(await job.getState()).toBe('completed'), 8000);
    expect(ranAgain).toBe(1);
  });

  it('waits for a close someone else began, up to the deadline, and leaves it alone (BullMQ cannot force it)', async () => {
    await using f = bullFixture('close-already');
    let release!: () => void;
    const hang = new Promise<void>((r) => (release = r));
    let started = false;
    const worker = f.worker(async () => {
      started = true;
      await hang;
    });
    const job = await f.queue.add('hangs', {});
    await eventually(() => expect(started).toBe(true));
    const graceful = worker.close();
    const t0 = performance.now();
    expect(await closeWorker(worker, { timeoutMs: 200, logger: f.logger })).toEqual({ forced: false, closed: false });
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(f.lines).toEqual([expect.stringContaining(`warn: closeWorker: the worker of queue "${f.name}" was already closing (a close() without a deadline) and was still waiting for its jobs after 200 ms`)]);
    release();
    await graceful;
    expect(await job.getState()).toBe('completed');
    // Already closed: nothing to wait for.
    expect(await closeWorker(worker, { timeoutMs: 200, logger: f.logger })).toEqual({ forced: false, closed: true });
  });

  it('refuses what is not a Worker and bad deadlines', async () => {
    await expect(closeWorker({} as Worker)).rejects.toThrow(/expected a BullMQ Worker/);
    const fake = { name: 'q', close: async () => {}, pause: async () => {}, isPaused: () => false, isRunning: () => false } as unknown as Worker;
    await expect(closeWorker(fake, { timeoutMs: -1 })).rejects.toThrow(InvalidOptionError);
    await expect(closeWorker(fake, { forceTimeoutMs: 1.5 })).rejects.toThrow(/forceTimeoutMs must be an integer/);
  });
});
