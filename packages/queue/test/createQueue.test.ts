import { InvalidOptionError } from '@leakguard/core';
import { describe, expect, it } from 'vitest';
import { QueueClosedError, QueueFullError, TaskTimeoutError, createQueue } from '../src/index.js';
import { deferred, harness, sleep } from './support/harness.js';

describe('createQueue: running tasks', () => {
  it('runs at most `concurrency` tasks at once and returns each result', async () => {
    await using h = harness({ concurrency: 2 });
    let running = 0;
    let most = 0;
    const results = await h.queue.addAll(
      [1, 2, 3, 4, 5].map((n) => async () => {
        running++;
        most = Math.max(most, running);
        await sleep(5);
        running--;
        return n * 10;
      }),
    );
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
    expect(h.queue.stats()).toMatchObject({ size: 0, running: 0, succeeded: 5 });
  });

  it('gives each task its id and a signal, and rejects with what the task throws', async () => {
    await using h = harness();
    const seen = await h.queue.add(({ id, signal }) => ({ id, aborted: signal.aborted }), { id: 'job-7' });
    expect(seen).toEqual({ id: 'job-7', aborted: false });
    await expect(h.queue.add(() => Promise.reject(new Error('no such table')))).rejects.toThrow('no such table');
    await expect(
      h.queue.add(() => {
        throw new TypeError('sync throw');
      }),
    ).rejects.toThrow('sync throw');
    expect(h.queue.stats()).toMatchObject({ succeeded: 1, failed: 2 });
  });

  it('runs higher priority first, and equal priorities in the order added', async () => {
    await using h = harness({ concurrency: 1 });
    const gate = deferred();
    const order: string[] = [];
    void h.queue.add(() => gate.promise);
    const adds = [
      h.queue.add(() => void order.push('low-a'), { priority: -1 }),
      h.queue.add(() => void order.push('zero-a')),
      h.queue.add(() => void order.push('high-a'), { priority: 5 }),
      h.queue.add(() => void order.push('zero-b'), { priority: 0 }),
      h.queue.add(() => void order.push('high-b'), { priority: 5 }),
      h.queue.add(() => void order.push('mid'), { priority: 1 }),
    ];
    gate.resolve();
    await Promise.all(adds);
    expect(order).toEqual(['high-a', 'high-b', 'mid', 'zero-a', 'zero-b', 'low-a']);
  });

  it('loops rather than recursing through a long run of synchronous tasks', async () => {
    await using h = harness({ concurrency: 4 });
    h.queue.pause();
    const adds = Array.from({ length: 50_000 }, (_, i) => h.queue.add(() => i));
    h.queue.resume();
    const results = await Promise.all(adds);
    expect(results[49_999]).toBe(49_999);
  });
});

describe('createQueue: signals and timeouts', () => {
  it('an aborted signal removes a queued task at once: it never runs', async () => {
    await using h = harness({ concurrency: 1 });
    const gate = deferred();
    void h.queue.add(() => gate.promise);
    let ran = false;
    const controller = new AbortController();
    const add = h.queue.add(() => void (ran = true), { signal: controller.signal });
    expect(h.queue.size).toBe(1);
    controller.abort(new Error('client went away'));
    await expect(add).rejects.toThrow('client went away');
    expect(h.queue.size).toBe(0);
    gate.resolve();
    await h.queue.onIdle();
    expect(ran).toBe(false);
    expect(h.queue.recent({ state: 'failed' })).toMatchObject([{ outcome: 'cancelled', error: { message: 'client went away' } }]);
    expect(h.queue.recent({ state: 'failed' })[0]?.startedAt).toBeUndefined();
  });

  it('an aborted signal aborts a running task and frees its slot', async () => {
    await using h = harness({ concurrency: 1 });
    const controller = new AbortController();
    let taskSignal: AbortSignal | undefined;
    const add = h.queue.add(({ signal }) => {
      taskSignal = signal;
      return new Promise(() => {});
    }, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(add).rejects.toThrow('stop');
    expect(taskSignal?.aborted).toBe(true);
    expect(await h.queue.add(() => 'next')).toBe('next');
  });

  it('a task past its timeout gets an aborted signal and the add rejects with TaskTimeoutError', async () => {
    await using h = harness({ concurrency: 1, taskTimeoutMs: 1_000 });
    let taskSignal: AbortSignal | undefined;
    const slow = h.queue.add(
      ({ signal }) => {
        taskSignal = signal;
        return sleep(200).then(() => 'too late');
      },
      { timeoutMs: 20, id: 'slow-1' },
    );
    const error = (await slow.catch((e: unknown) => e)) as TaskTimeoutError;
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error.message).toBe('queue "' + h.queue.name + '": task "slow-1" timed out after 20 ms; its signal was aborted');
    expect(taskSignal?.aborted).toBe(true);
    expect(taskSignal?.reason).toBe(error);
    // The slot is free again at once.
    expect(await h.queue.add(() => 'fast')).toBe('fast');
    expect(h.queue.stats()).toMatchObject({ timedOut: 1, succeeded: 1 });
    expect(h.queue.recent({ state: 'failed' })).toMatchObject([{ id: 'slow-1', outcome: 'timeout', error: { name: 'TaskTimeoutError' } }]);
  });
});

describe('createQueue: backpressure', () => {
  it("onFull 'wait': add waits for room, never exceeds maxPending, and honours its signal while waiting", async () => {
    await using h = harness({ concurrency: 1, maxPending: 2 });
    const gate = deferred();
    const adds: Promise<unknown>[] = [h.queue.add(() => gate.promise)];
    for (let i = 0; i < 4; i++) adds.push(h.queue.add(() => i));
    expect(h.queue.size).toBe(2);
    expect(h.queue.stats().blocked).toBe(2);
    const controller = new AbortController();
    const blocked = h.queue.add(() => 'never', { signal: controller.signal });
    controller.abort(new Error('waited too long'));
    await expect(blocked).rejects.toThrow('waited too long');
    expect(h.queue.stats().blocked).toBe(2);
    gate.resolve();
    expect(await Promise.all(adds)).toEqual([undefined, 0, 1, 2, 3]);
  });

  it("onFull 'reject': throws QueueFullError carrying size and limit", async () => {
    await using h = harness({ concurrency: 1, maxPending: 1, onFull: 'reject' });
    const gate = deferred();
    void h.queue.add(() => gate.promise);
    void h.queue.add(() => 1);
    const error = (await h.queue.add(() => 2).catch((e: unknown) => e)) as QueueFullError;
    expect(error).toBeInstanceOf(QueueFullError);
    expect(error).toMatchObject({ size: 1, limit: 1 });
    expect(error.message).toContain('is full: 1 tasks pending (maxPending 1)');
    expect(h.queue.stats().rejected).toBe(1);
    gate.resolve();
    await h.queue.onIdle();
  });
});

describe('createQueue: idle, drained, pause', () => {
  it('onIdle and onDrained resolve at once when idle, and when work ends', async () => {
    await using h = harness({ concurrency: 1 });
    await h.queue.onIdle();
    await h.queue.onDrained();
    const gate = deferred();
    const events: string[] = [];
    void h.queue.add(() => gate.promise);
    void h.queue.add(() => sleep(5));
    void h.queue.onIdle().then(() => events.push('idle'));
    void h.queue.onDrained().then(() => events.push('drained'));
    gate.resolve();
    await h.queue.onIdle();
    await sleep(0);
    expect(events).toEqual(['drained', 'idle']);
  });

  it('pause stops starting tasks; resume starts them again', async () => {
    await using h = harness({ concurrency: 2 });
    h.queue.pause();
    let ran = 0;
    const adds = [1, 2, 3].map(() => h.queue.add(() => void ran++));
    await sleep(5);
    expect(ran).toBe(0);
    expect(h.queue.isPaused).toBe(true);
    h.queue.resume();
    await Promise.all(adds);
    expect(ran).toBe(3);
  });
});

describe('createQueue: close', () => {
  it("drain runs what is queued until the deadline, then cancels the rest (running ones' signals aborted)", async () => {
    const h = harness({ concurrency: 1 });
    const done: number[] = [];
    const quick = [1, 2].map((n) => h.queue.add(() => sleep(5).then(() => void done.push(n))));
    let hungSignal: AbortSignal | undefined;
    const hung = h.queue.add(({ signal }) => {
      hungSignal = signal;
      return new Promise(() => {});
    });
    const queued = h.queue.add(() => 'never');
    const t0 = performance.now();
    const closing = h.queue.close({ timeoutMs: 100 });
    expect(h.queue.close()).toBe(closing);
    await expect(h.queue.add(() => 1)).rejects.toThrow(QueueClosedError);
    await Promise.all(quick);
    await expect(hung).rejects.toThrow('this task was cancelled while it ran; its signal was aborted');
    await expect(queued).rejects.toThrow('this task was cancelled before it ran');
    await closing;
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(done).toEqual([1, 2]);
    expect(hungSignal?.aborted).toBe(true);
    expect(h.logs.some((l) => l.includes('close() deadline (100 ms) passed with 1 tasks queued and 1 running'))).toBe(true);
    expect(h.sweeper.size).toBe(0);
    expect(h.registry.size).toBe(0);
    await h[Symbol.asyncDispose]();
  });

  it('cancel stops at once, and blocked adds are refused', async () => {
    const h = harness({ concurrency: 1, maxPending: 1 });
    const running = h.queue.add(() => new Promise(() => {}));
    const queued = h.queue.add(() => 1);
    const blocked = h.queue.add(() => 2);
    await h.queue.close({ mode: 'cancel' });
    await expect(running).rejects.toThrow(QueueClosedError);
    await expect(queued).rejects.toThrow(QueueClosedError);
    await expect(blocked).rejects.toThrow('this add was waiting for room when close() was called');
    expect(h.queue.stats()).toMatchObject({ size: 0, running: 0, cancelled: 2, rejected: 1 });
    await h[Symbol.asyncDispose]();
  });

  it('a registry shutdown drains the queue', async () => {
    const h = harness();
    const result = h.queue.add(() => sleep(10).then(() => 'finished'));
    await h.registry.disposeAll();
    expect(await result).toBe('finished');
    expect(h.queue.closed).toBe(true);
    await h[Symbol.asyncDispose]();
  });
});

describe('createQueue: retention and counters', () => {
  it('keeps at most `count` records, and counters keep counting past them', async () => {
    await using h = harness({ retention: { completed: { count: 3 }, failed: { count: 2 } } });
    for (let i = 0; i < 10; i++) await h.queue.add(() => i, { id: `ok-${i}` });
    for (let i = 0; i < 5; i++) await h.queue.add(() => Promise.reject(new Error(`bad ${i}`))).catch(() => {});
    expect(h.queue.recent({ state: 'completed' }).map((r) => r.id)).toEqual(['ok-7', 'ok-8', 'ok-9']);
    expect(h.queue.recent({ state: 'failed' }).map((r) => r.error?.message)).toEqual(['bad 3', 'bad 4']);
    const r = h.queue.recent({ state: 'completed' })[0];
    expect(r?.enqueuedAt).toBeLessThanOrEqual(r?.startedAt ?? 0);
    expect(r?.startedAt).toBeLessThanOrEqual(r?.finishedAt ?? 0);
    expect(Math.abs((r?.finishedAt ?? 0) - Date.now())).toBeLessThan(5_000);
    expect(h.queue.stats()).toMatchObject({ succeeded: 10, failed: 5, retained: { completed: 3, failed: 2 } });
    const text = await h.metrics();
    const q = `leakguard_queue_name="${h.queue.name}",leakguard_queue_backend="memory"`;
    expect(text).toContain(`leakguard_queue_tasks_total{${q},leakguard_queue_outcome="success"} 10`);
    expect(text).toContain(`leakguard_queue_tasks_total{${q},leakguard_queue_outcome="failure"} 5`);
    expect(text).toContain(`leakguard_queue_retained{${q},leakguard_queue_state="completed"} 3`);
  });

  it('forgets records by age on the Sweeper, without another task finishing', async () => {
    await using h = harness({ retention: { completed: { ageMs: 30 } }, retentionSweepIntervalMs: 100_000 });
    await h.queue.add(() => 1);
    expect(h.queue.stats().retained.completed).toBe(1);
    await sleep(40);
    await h.sweeper.sweep();
    expect(h.queue.stats().retained.completed).toBe(0);
  });
});

describe('createQueue: metrics', () => {
  it('reports depth by state, capacity, and wait and run times', async () => {
    await using h = harness({ name: 'metered-q', concurrency: 1, maxPending: 10 });
    const gate = deferred();
    const first = h.queue.add(() => gate.promise);
    const second = h.queue.add(() => 2);
    const q = 'leakguard_queue_name="metered-q",leakguard_queue_backend="memory"';
    const text = await h.metrics();
    expect(text).toContain(`leakguard_queue_depth{${q},leakguard_queue_state="pending"} 1`);
    expect(text).toContain(`leakguard_queue_depth{${q},leakguard_queue_state="running"} 1`);
    expect(text).toContain(`leakguard_queue_capacity{${q}} 10`);
    gate.resolve();
    await Promise.all([first, second]);
    const after = await h.metrics();
    expect(after).toContain(`leakguard_queue_wait_time_seconds_count{${q}} 2`);
    expect(after).toContain(`leakguard_queue_run_time_seconds_count{${q}} 2`);
  });
});

describe('createQueue: bad input', () => {
  it('names the option and what is allowed', async () => {
    expect(() => createQueue({ name: 'bad', concurrency: 0 })).toThrow(InvalidOptionError);
    expect(() => createQueue({ name: 'bad', concurrency: 0 })).toThrow('createQueue("bad"): concurrency must be an integer >= 1, got 0');
    expect(() => createQueue({ name: 'bad', onFull: 'drop' as never })).toThrow(`onFull must be 'wait' or 'reject', got "drop"`);
    expect(() => createQueue({ name: 'bad', retention: { completed: { count: -1 } } })).toThrow(/retention.completed.count must be an integer between 0 and 10000000, got -1/);
    await using h = harness();
    await expect(h.queue.add('nope' as never)).rejects.toThrow(/add\(\) takes a function/);
    await expect(h.queue.add(() => 1, { priority: Number.NaN })).rejects.toThrow(/priority must be a finite number, got NaN/);
    await expect(h.queue.add(() => 1, { timeoutMs: 0 })).rejects.toThrow(/timeoutMs must be an integer between 1 and 2147483647, got 0/);
    expect(() => h.queue.recent({ state: 'done' as never })).toThrow(/recent\(\) needs \{ state: 'completed' \} or \{ state: 'failed' \}/);
    await expect(h.queue.close({ mode: 'later' as never })).rejects.toThrow(/mode must be 'drain' or 'cancel'/);
    expect(h.queue.closed).toBe(false);
  });

  it('two open queues cannot share a name', async () => {
    await using _twin = harness({ name: 'twin' });
    expect(() => createQueue({ name: 'twin' })).toThrow(/a queue named "twin" is already open/);
  });
});
