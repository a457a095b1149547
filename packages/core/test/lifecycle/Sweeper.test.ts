import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { Sweeper, SweeperClosedError, defaultSweeper } from '../../src/lifecycle/Sweeper.js';
import { prometheusSink } from '../../src/sinks/PrometheusSink.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('Sweeper', () => {
  it('shares one timer per interval and holds none once the last task is cancelled', () => {
    vi.useFakeTimers();
    using sweeper = new Sweeper({ name: 'timers', logger: silentLogger });
    const a = sweeper.schedule('a', 1000, () => {});
    const b = sweeper.schedule('b', 1000, () => {});
    const c = sweeper.schedule('c', 5000, () => {});
    expect(sweeper.timerCount).toBe(2);
    expect(vi.getTimerCount()).toBe(2);
    a.cancel();
    expect(sweeper.timerCount).toBe(2);
    b[Symbol.dispose]();
    expect(sweeper.timerCount).toBe(1);
    c.cancel();
    c.cancel();
    expect(sweeper.timerCount).toBe(0);
    expect(sweeper.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs each task every interval', async () => {
    vi.useFakeTimers();
    using sweeper = new Sweeper({ name: 'runs', logger: silentLogger });
    let fast = 0;
    let slow = 0;
    sweeper.schedule('fast', 100, () => void fast++);
    sweeper.schedule('slow', 250, () => void slow++);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fast).toBe(10);
    expect(slow).toBe(4);
  });

  it('does not start a task again while its previous run is still going, and counts the skip', async () => {
    vi.useFakeTimers();
    const sink = prometheusSink({ registry: new Registry() });
    using sweeper = new Sweeper({ name: 'overlap', logger: silentLogger, meter: sink });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    sweeper.schedule('slow', 100, async () => {
      running++;
      runs++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 350));
      running--;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(await sink.registry.metrics()).toMatch(/leakguard_sweeper_runs_total\{leakguard_sweeper_name="overlap",leakguard_sweep_outcome="skipped"\} [1-9]/);
  });

  it('keeps running after a task throws, and logs which task failed', async () => {
    const warnings: string[] = [];
    using sweeper = new Sweeper({ name: 'throws', logger: { ...silentLogger, warn: (m) => void warnings.push(m) } });
    let ok = 0;
    sweeper.schedule('broken', 1000, () => {
      throw new Error('disk gone');
    });
    sweeper.schedule('fine', 1000, () => void ok++);
    await sweeper.sweep();
    await sweeper.sweep();
    expect(ok).toBe(2);
    expect(warnings).toEqual([
      'sweeper "throws": task "broken" failed: disk gone',
      'sweeper "throws": task "broken" failed: disk gone',
    ]);
  });

  it('never keeps the process alive: its timers are unref’d', () => {
    using sweeper = new Sweeper({ name: 'unref', logger: silentLogger });
    const spy = vi.spyOn(globalThis, 'setInterval');
    sweeper.schedule('x', 60_000, () => {});
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    spy.mockRestore();
    expect(timer.hasRef()).toBe(false);
  });

  it('close() clears every timer and refuses new tasks', () => {
    vi.useFakeTimers();
    const sweeper = new Sweeper({ name: 'closed', logger: silentLogger });
    sweeper.schedule('a', 10, () => {});
    sweeper.schedule('b', 20, () => {});
    sweeper.close();
    sweeper.close();
    expect(vi.getTimerCount()).toBe(0);
    expect(() => sweeper.schedule('late', 10, () => {})).toThrow(SweeperClosedError);
  });

  it('rejects bad input clearly', () => {
    using sweeper = new Sweeper({ name: 'input', logger: silentLogger });
    expect(() => sweeper.schedule('x', 0, () => {})).toThrow(/Sweeper.schedule: intervalMs must be an integer between 1 and 2147483647, got 0/);
    expect(() => sweeper.schedule('x', 1.5, () => {})).toThrow(/intervalMs/);
    expect(() => sweeper.schedule('', 10, () => {})).toThrow(/name must be a non-empty string/);
    expect(() => sweeper.schedule('x', 10, 'nope' as never)).toThrow(/needs a function/);
    expect(sweeper.size).toBe(0);
  });

  it('has one process-wide instance', () => {
    expect(defaultSweeper()).toBe(defaultSweeper());
  });

  it('gives each open sweeper its own name, and frees the name on close', () => {
    const first = new Sweeper({ name: 'unique', logger: silentLogger });
    expect(() => new Sweeper({ name: 'unique' })).toThrow(/a sweeper named "unique" is already open/);
    first.close();
    using second = new Sweeper({ name: 'unique', logger: silentLogger });
    expect(second.name).toBe('unique');
  });
});
