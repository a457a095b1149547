import type { Job, Worker } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test/support/services.js';
import { instrumentBullWorker } from '../../src/bullmq/index.js';
import { bullFixture, eventually, sample, sleep } from '../support/redis.js';

/** Resolves when `signal` aborts, by rejecting with `error`: a processor that honours BullMQ's cancellation. */
function untilAborted(signal: AbortSignal | undefined, error: Error): Promise<never> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(error), { once: true }));
}

describe('instrumentBullWorker', () => {
  beforeAll(() => requireService('redis'));

  it('counts each job once by how it ended, and records run time per attempt and wait time per job', async () => {
    await using f = bullFixture('outcomes');
    const started = new Map<string, Job>();
    // Three parameters: BullMQ then hands the processor an AbortSignal that cancelJob() aborts.
    const worker = f.worker(
      async (job, _token, signal) => {
        started.set(job.name, job);
        switch (job.name) {
          case 'ok':
            await sleep(30);
            return 'done';
          case 'bad':
            throw new Error('no such row');
          case 'flaky':
            if (job.attemptsMade === 0) throw new Error('first try fails');
            return 'second try';
          case 'slow': {
            const deadline = AbortSignal.timeout(1);
            await sleep(20);
            deadline.throwIfAborted(); // a DOMException named TimeoutError
            return 'unreachable';
          }
          case 'aborted': {
            const c = new AbortController();
            c.abort();
            c.signal.throwIfAborted(); // a DOMException named AbortError
            return 'unreachable';
          }
          case 'cancel':
            return untilAborted(signal, new Error('stopped on request'));
          default:
            return 'plain';
        }
      },
      { concurrency: 10 },
    );
    using inst = instrumentBullWorker(worker, { meter: f.sink, logger: f.logger });
    expect(inst.name).toBe(f.name);
    await f.queue.addBulk([
      { name: 'ok', data: {} },
      { name: 'ok', data: {} },
      { name: 'ok', data: {} },
      { name: 'bad', data: {} },
      { name: 'flaky', data: {}, opts: { attempts: 2 } },
      { name: 'slow', data: {} },
      { name: 'aborted', data: {} },
      { name: 'cancel', data: {} },
      // Waiting out a delay is not waiting to run: its wait_time starts when the delay ends.
      { name: 'delayed', data: {}, opts: { delay: 1200 } },
    ]);
    await eventually(() => expect(started.has('cancel')).toBe(true));
    expect(worker.cancelJob(started.get('cancel')?.id as string)).toBe(true);

    await eventually(async () => expect(await f.samples()).toMatchObject({ success: 5, failure: 1, timeout: 1, cancelled: 2 }));
    const s = await f.samples();
    // 9 jobs ran 10 times: the flaky one twice. Its failed first attempt is a run, not an ended task.
    expect(s.runs).toBe(10);
    expect(s.waits).toBe(9);
    expect(s.runSeconds).toBeGreaterThanOrEqual(0.09);
    const q = { leakguard_queue_name: f.name, leakguard_queue_backend: 'bullmq' };
    expect(await sample(f.sink, 'leakguard_queue_wait_time_seconds_bucket', { ...q, le: '1' })).toBe(9);
    expect(f.lines).toEqual([]);
  });

  it('counts jobs cancelled with cancelAllJobs() as cancelled', async () => {
    await using f = bullFixture('cancel-all');
    let running = 0;
    const worker = f.worker(
      async (_job, _token, signal) => {
        running++;
        return untilAborted(signal, new Error('shutting down'));
      },
      { concurrency: 2 },
    );
    using _inst = instrumentBullWorker(worker, { meter: f.sink, logger: f.logger });
    await f.queue.addBulk([
      { name: 'a', data: {} },
      { name: 'b', data: {} },
    ]);
    await eventually(() => expect(running).toBe(2));
    worker.cancelAllJobs('shutting down');
    await eventually(async () => expect(await f.samples()).toMatchObject({ cancelled: 2, runs: 2 }));
    expect((await f.samples()).failure).toBe(0);
  });

  it('close() removes its listeners and wrappers and leaves the totals; bad input is refused', async () => {
    await using f = bullFixture('worker-close');
    const worker = f.worker(async () => 'ok');
    const events = ['active', 'completed', 'failed', 'closed'] as const;
    const before = events.map((e) => worker.listenerCount(e));
    const cancelJob = worker.cancelJob;
    const inst = instrumentBullWorker(worker, { meter: f.sink, logger: f.logger });
    expect(events.map((e) => worker.listenerCount(e))).toEqual(before.map((n) => n + 1));
    expect(Object.hasOwn(worker, 'cancelJob')).toBe(true);
    expect(() => instrumentBullWorker(worker, { meter: f.sink })).toThrow(/already instrumented/);

    await f.queue.add('one', {});
    await eventually(async () => expect((await f.samples()).success).toBe(1));
    inst.close();
    inst.close();
    expect(inst.closed).toBe(true);
    expect(events.map((e) => worker.listenerCount(e))).toEqual(before);
    expect(Object.hasOwn(worker, 'cancelJob')).toBe(false);
    expect(Object.hasOwn(worker, 'cancelAllJobs')).toBe(false);
    expect(worker.cancelJob).toBe(cancelJob);

    const done = new Promise((resolve) => worker.once('completed', resolve));
    await f.queue.add('two', {});
    await done;
    expect(await f.samples()).toMatchObject({ success: 1, runs: 1 });

    using again = instrumentBullWorker(worker, { name: 'renamed-worker', meter: f.sink });
    expect(again.name).toBe('renamed-worker');
    expect(() => instrumentBullWorker({} as Worker)).toThrow(/expected a BullMQ Worker/);
    const odd = { name: 'queue with spaces', on() {}, off() {}, isRunning: () => false } as unknown as Worker;
    expect(() => instrumentBullWorker(odd)).toThrow(/cannot label metrics .* pass \{ name \}/);
  });
});
