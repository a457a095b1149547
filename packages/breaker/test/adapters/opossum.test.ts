import { InvalidOptionError, prometheusSink } from '@leakguard/core';
import type { PrometheusSink } from '@leakguard/core';
import CircuitBreaker from 'opossum';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { instrumentOpossum } from '../../src/adapters/opossum.js';

let seq = 0;

/** A breaker name no other test uses (names label metrics and must be unique among open breakers). */
function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${++seq}`;
}

/** A Prometheus sink on a registry of its own. */
function testSink(): PrometheusSink {
  return prometheusSink({ registry: new Registry() });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`. */
async function eventually(check: () => unknown, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await sleep(10);
    }
  }
}

/** An action that succeeds with 1, or fails with "down" when asked to. */
async function action(fail: boolean): Promise<number> {
  if (fail) throw new Error('down');
  return 1;
}

/** The three state samples of breaker `name` as Prometheus exposition lines. */
function stateLines(name: string, current: 'closed' | 'open' | 'half_open'): string[] {
  return (['closed', 'open', 'half_open'] as const).map(
    (s) => `leakguard_breaker_state{leakguard_breaker_name="${name}",leakguard_breaker_state="${s}"} ${s === current ? 1 : 0}`,
  );
}

const calls = (name: string, outcome: string, n: number): string => `leakguard_breaker_calls_total{leakguard_breaker_name="${name}",leakguard_breaker_outcome="${outcome}"} ${n}`;
const transitions = (name: string, from: string, to: string, n: number): string =>
  `leakguard_breaker_transitions_total{leakguard_breaker_name="${name}",leakguard_breaker_from="${from}",leakguard_breaker_to="${to}"} ${n}`;

const EVENTS = ['open', 'halfOpen', 'close', 'success', 'failure', 'reject', 'timeout', 'shutdown'] as const;

describe('instrumentOpossum', () => {
  it('reports the state read from the breaker, and counts its transitions and call outcomes (rejected included)', async () => {
    const name = uniqueName('op-trip');
    const sink = testSink();
    const breaker = new CircuitBreaker(action, { name, timeout: false, resetTimeout: 100, errorThresholdPercentage: 50 });
    try {
      using _inst = instrumentOpossum(breaker, { meter: sink });
      await expect(breaker.fire(false)).resolves.toBe(1);
      let text = await sink.registry.metrics();
      for (const line of stateLines(name, 'closed')) expect(text).toContain(line);
      expect(text).toContain(calls(name, 'success', 1));

      // 1 success and 2 failures: 67% errors, past the 50% threshold.
      await expect(breaker.fire(true)).rejects.toThrow('down');
      await expect(breaker.fire(true)).rejects.toThrow('down');
      expect(breaker.opened).toBe(true);
      await expect(breaker.fire(false)).rejects.toThrow('Breaker is open');
      await expect(breaker.fire(false)).rejects.toThrow('Breaker is open');
      text = await sink.registry.metrics();
      for (const line of stateLines(name, 'open')) expect(text).toContain(line);
      expect(text).toContain(calls(name, 'failure', 2));
      expect(text).toContain(calls(name, 'rejected', 2));
      expect(text).toContain(transitions(name, 'closed', 'open', 1));

      // After resetTimeout opossum goes half-open; a failed trial opens it again, a good one closes it.
      await eventually(() => expect(breaker.halfOpen).toBe(true));
      for (const line of stateLines(name, 'half_open')) expect(await sink.registry.metrics()).toContain(line);
      await expect(breaker.fire(true)).rejects.toThrow('down');
      expect(breaker.opened).toBe(true);
      await eventually(() => expect(breaker.halfOpen).toBe(true));
      await expect(breaker.fire(false)).resolves.toBe(1);
      text = await sink.registry.metrics();
      for (const line of stateLines(name, 'closed')) expect(text).toContain(line);
      expect(text).toContain(transitions(name, 'open', 'half_open', 2));
      expect(text).toContain(transitions(name, 'half_open', 'open', 1));
      expect(text).toContain(transitions(name, 'half_open', 'closed', 1));
      expect(text).toContain(calls(name, 'success', 2));
      expect(text).toContain(calls(name, 'failure', 3));
      expect(text).toContain(calls(name, 'rejected', 2));
      expect(text).toContain(calls(name, 'timeout', 0));
    } finally {
      breaker.shutdown();
    }
  });

  it('counts a call past opossum\'s timeout once, as timeout (opossum also emits it as a failure)', async () => {
    const name = uniqueName('op-timeout');
    const sink = testSink();
    // Never settles and holds no timer: only opossum's own timeout ends the call.
    const breaker = new CircuitBreaker(() => new Promise<number>(() => {}), { name, timeout: 20, volumeThreshold: 10 });
    try {
      using _inst = instrumentOpossum(breaker, { meter: sink });
      await expect(breaker.fire()).rejects.toThrow('Timed out after 20ms');
      await expect(breaker.fire()).rejects.toThrow('Timed out after 20ms');
      const text = await sink.registry.metrics();
      expect(text).toContain(calls(name, 'timeout', 2));
      expect(text).toContain(calls(name, 'failure', 0));
      // opossum's own stats count the same two calls as timeouts and failures both.
      expect(breaker.stats).toMatchObject({ timeouts: 2, failures: 2 });
    } finally {
      breaker.shutdown();
    }
  });

  it('counts an error errorFilter excuses as a success, as opossum does, and passes the error through', async () => {
    const name = uniqueName('op-filter');
    const sink = testSink();
    const notFound = Object.assign(new Error('not found'), { status: 404 });
    const breaker = new CircuitBreaker(async (): Promise<number> => Promise.reject(notFound), { name, timeout: false, errorFilter: (e: { status?: number }) => e.status === 404 });
    try {
      using _inst = instrumentOpossum(breaker, { meter: sink });
      await expect(breaker.fire()).rejects.toBe(notFound);
      const text = await sink.registry.metrics();
      expect(text).toContain(calls(name, 'success', 1));
      expect(text).toContain(calls(name, 'failure', 0));
      expect(breaker.closed).toBe(true);
    } finally {
      breaker.shutdown();
    }
  });

  it('close() removes every listener it added and stops reporting the state; counters keep their totals', async () => {
    const name = uniqueName('op-close');
    const sink = testSink();
    const breaker = new CircuitBreaker(action, { name, timeout: false });
    try {
      const before = Object.fromEntries(EVENTS.map((e) => [e, breaker.listenerCount(e)]));
      const inst = instrumentOpossum(breaker, { meter: sink });
      for (const e of EVENTS) expect(breaker.listenerCount(e), e).toBe((before[e] as number) + 1);
      expect(() => instrumentOpossum(breaker, { name: uniqueName('op-again') })).toThrow(/already instrumented as "op-close/);
      await breaker.fire(false);
      expect(inst.name).toBe(name);
      inst.close();
      inst.close();
      expect(inst.closed).toBe(true);
      for (const e of EVENTS) expect(breaker.listenerCount(e), e).toBe(before[e]);
      await breaker.fire(false);
      const text = await sink.registry.metrics();
      expect(text).not.toContain('leakguard_breaker_state{');
      expect(text).toContain(calls(name, 'success', 1));
      // The name is free again, and so is the breaker.
      using again = instrumentOpossum(breaker, { meter: testSink() });
      expect(again.name).toBe(name);
    } finally {
      breaker.shutdown();
    }
  });

  it('closes itself when the breaker is shut down, and refuses a breaker already shut down', async () => {
    const name = uniqueName('op-shutdown');
    const sink = testSink();
    const breaker = new CircuitBreaker(action, { name, timeout: false });
    const inst = instrumentOpossum(breaker, { meter: sink });
    breaker.shutdown();
    expect(inst.closed).toBe(true);
    expect(await sink.registry.metrics()).not.toContain('leakguard_breaker_state{');
    expect(() => instrumentOpossum(breaker)).toThrow(/is shut down and will never change state again/);
    // The name was released with it.
    const other = new CircuitBreaker(action, { name, timeout: false });
    try {
      using _inst = instrumentOpossum(other, { meter: testSink() });
    } finally {
      other.shutdown();
    }
  });

  it('adds no timer of its own: the only timers are opossum\'s, and shutdown() clears them', async () => {
    const name = uniqueName('op-timers');
    const sink = testSink();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const clearIntervalSpy = vi.spyOn(globalThis, 'clearInterval');
    try {
      const breaker = new CircuitBreaker(action, { name, timeout: false });
      // opossum's Status keeps two intervals per breaker (bucket rotation and snapshots).
      expect(setIntervalSpy).toHaveBeenCalledTimes(2);
      const opossumTimers = setIntervalSpy.mock.results.map((r) => r.value as NodeJS.Timeout);
      setTimeoutSpy.mockClear();
      setIntervalSpy.mockClear();
      try {
        const inst = instrumentOpossum(breaker, { meter: sink });
        for (let i = 0; i < 10; i++) await breaker.fire(false);
        await expect(breaker.fire(true)).rejects.toThrow('down');
        await sink.registry.metrics();
        inst.close();
        // Instrumenting, calls through the breaker, a scrape and close(): not one timer.
        expect(setTimeoutSpy).not.toHaveBeenCalled();
        expect(setIntervalSpy).not.toHaveBeenCalled();
      } finally {
        breaker.shutdown();
      }
      for (const timer of opossumTimers) expect(clearIntervalSpy).toHaveBeenCalledWith(timer);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('checks the breaker and the name, defaulting to the breaker\'s own', () => {
    const named = new CircuitBreaker(async function fetchProfile() {
      return 1;
    }, { timeout: false });
    const unnamed = new CircuitBreaker(async () => 1, { timeout: false });
    const other = new CircuitBreaker(action, { timeout: false });
    const listeners = other.listenerCount('success');
    try {
      expect(() => instrumentOpossum({} as CircuitBreaker)).toThrow(/expected an opossum CircuitBreaker/);
      expect(() => instrumentOpossum(named, null as never)).toThrow(/options must be an object/);
      expect(() => instrumentOpossum(named, { name: '9lives' })).toThrow(InvalidOptionError);
      // An unnamed action gets a random UUID from opossum: a new series every start, so refused
      // even when it starts with a letter and would pass as a name; the message says what to do.
      expect(unnamed.name).toMatch(/^[0-9a-f]{8}-/);
      expect(() => instrumentOpossum(unnamed, { meter: testSink() })).toThrow(/the breaker's name "[0-9a-f-]+" is the random one opossum gives .*; pass \{ name \}/);
      const lettered = new CircuitBreaker(async () => 1, { name: 'abcdef12-3456-4789-8abc-def012345678', timeout: false });
      try {
        expect(() => instrumentOpossum(lettered, { meter: testSink() })).toThrow(/"abcdef12-3456-4789-8abc-def012345678" is the random one opossum gives/);
      } finally {
        lettered.shutdown();
      }
      const badName = new CircuitBreaker(action, { name: 'has spaces', timeout: false });
      try {
        expect(() => instrumentOpossum(badName, { meter: testSink() })).toThrow(/the breaker's name "has spaces" cannot label metrics .*; pass \{ name \}/);
        using explicit = instrumentOpossum(badName, { name: uniqueName('op-explicit'), meter: testSink() });
        expect(explicit.name).toMatch(/^op-explicit-/);
      } finally {
        badName.shutdown();
      }
      using inst = instrumentOpossum(named, { meter: testSink() });
      expect(inst.name).toBe('fetchProfile');
      expect(() => instrumentOpossum(other, { name: 'fetchProfile', meter: testSink() })).toThrow(/a breaker named "fetchProfile" is already open/);
      expect(other.listenerCount('success')).toBe(listeners);
    } finally {
      named.shutdown();
      unnamed.shutdown();
      other.shutdown();
    }
  });
});
