import { Registry } from 'prom-client';
import { prometheusSink } from '@leakguard/core';
import { describe, expect, it } from 'vitest';
import { BreakerOpenError, BreakerTimeoutError, createBreaker } from '../src/index.js';
import { manualClock } from './support/clock.js';

let seq = 0;
const fail = (): Promise<never> => Promise.reject(new Error('503 from upstream'));
const ok = (): Promise<string> => Promise.resolve('ok');

function breaker(options: Partial<Parameters<typeof createBreaker>[0]> = {}) {
  const clock = manualClock();
  const sink = prometheusSink({ registry: new Registry() });
  const b = createBreaker({ name: `test-breaker-${++seq}`, policy: { consecutive: 3 }, resetTimeoutMs: 1_000, meter: sink, clock: clock.now, ...options });
  return { b, clock, sink, metrics: () => sink.registry.metrics(), [Symbol.dispose]: () => b.close() };
}

describe('createBreaker: consecutive policy', () => {
  it('opens after n failures in a row, refuses with the time until half-open, then lets one trial through', async () => {
    using h = breaker();
    const { b, clock } = h;
    for (let i = 0; i < 3; i++) await expect(b.run(fail)).rejects.toThrow('503 from upstream');
    expect(b.state).toBe('open');
    clock.advance(400);
    const refused = (await b.run(ok).catch((e: unknown) => e)) as BreakerOpenError;
    expect(refused).toBeInstanceOf(BreakerOpenError);
    expect(refused.retryAfterMs).toBe(600);
    expect(refused.message).toBe(`breaker "${b.name}" is open; calls are refused for another 600 ms, then one trial call is let through`);
    clock.advance(600);
    expect(b.state).toBe('half_open');
    expect(await b.run(ok)).toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('a success in the closed state resets the consecutive count', async () => {
    using h = breaker();
    const { b } = h;
    await b.run(fail).catch(() => {});
    await b.run(fail).catch(() => {});
    await b.run(ok);
    await b.run(fail).catch(() => {});
    await b.run(fail).catch(() => {});
    expect(b.state).toBe('closed');
    expect(b.stats().consecutiveFailures).toBe(2);
  });

  it('half-open allows halfOpenMaxCalls trials at once; a failed trial opens it again', async () => {
    using h = breaker({ halfOpenMaxCalls: 2 });
    const { b, clock } = h;
    for (let i = 0; i < 3; i++) await b.run(fail).catch(() => {});
    clock.advance(1_000);
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const t1 = b.run(() => slow.then(() => Promise.reject(new Error('still down'))));
    const t2 = b.run(() => slow.then(() => new Promise((r) => setTimeout(r, 5))));
    const busy = (await b.run(ok).catch((e: unknown) => e)) as BreakerOpenError;
    expect(busy.message).toContain('is half-open and its trial calls are in flight');
    release();
    await expect(t1).rejects.toThrow('still down');
    await t2;
    // The failed trial reopened it; the later success found it open and did not close it.
    expect(b.state).toBe('open');
  });

  it('isFailure decides what counts: other errors pass through without tripping', async () => {
    using h = breaker({ isFailure: (e) => !(e instanceof Error && e.message.startsWith('404')) });
    const { b } = h;
    for (let i = 0; i < 5; i++) await expect(b.run(() => Promise.reject(new Error('404 not found')))).rejects.toThrow('404');
    expect(b.state).toBe('closed');
  });

  it('a synchronous throw counts as a failure too', async () => {
    using h = breaker({ policy: { consecutive: 1 } });
    await expect(
      h.b.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(h.b.state).toBe('open');
  });
});

describe('createBreaker: error-rate policy', () => {
  it('opens when the failure rate over the window passes errorRate, once minCalls is reached', async () => {
    using h = breaker({ policy: { errorRate: 0.5, minCalls: 4, windowMs: 1_000 } });
    const { b } = h;
    await b.run(fail).catch(() => {});
    await b.run(fail).catch(() => {});
    await b.run(fail).catch(() => {});
    expect(b.state).toBe('closed'); // 3 calls < minCalls
    await b.run(ok);
    await b.run(fail).catch(() => {}); // 4 of 5 failed
    expect(b.state).toBe('open');
  });

  it('forgets calls older than the window', async () => {
    using h = breaker({ policy: { errorRate: 0.5, minCalls: 4, windowMs: 1_000 } });
    const { b, clock } = h;
    for (let i = 0; i < 3; i++) await b.run(fail).catch(() => {});
    clock.advance(1_500);
    for (let i = 0; i < 3; i++) await b.run(ok);
    await b.run(fail).catch(() => {}); // 1 of 4 in the window
    expect(b.state).toBe('closed');
    expect(b.stats()).toMatchObject({ windowCalls: 4, windowFailures: 1 });
  });
});

describe('createBreaker: timeouts and signals', () => {
  it('a call past timeoutMs fails with BreakerTimeoutError, aborts its signal and counts as a failure', async () => {
    using h = breaker({ timeoutMs: 20, policy: { consecutive: 1 } });
    let seen: AbortSignal | undefined;
    const error = (await h.b
      .run(({ signal }) => {
        seen = signal;
        return new Promise(() => {});
      })
      .catch((e: unknown) => e)) as BreakerTimeoutError;
    expect(error).toBeInstanceOf(BreakerTimeoutError);
    expect(seen?.aborted).toBe(true);
    expect(h.b.state).toBe('open');
    expect(await h.metrics()).toContain(`leakguard_breaker_calls_total{leakguard_breaker_name="${h.b.name}",leakguard_breaker_outcome="timeout"} 1`);
  });

  it('the caller aborting is neither a success nor a failure', async () => {
    using h = breaker({ policy: { consecutive: 1 } });
    const controller = new AbortController();
    const call = h.b.run(() => new Promise(() => {}), { signal: controller.signal });
    controller.abort(new Error('request cancelled'));
    await expect(call).rejects.toThrow('request cancelled');
    expect(h.b.state).toBe('closed');
    await expect(h.b.run(ok, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow('already');
  });
});

describe('createBreaker: metrics, names, options', () => {
  it('reports the state (1 for current, 0 for others), transitions and call outcomes', async () => {
    using h = breaker({ policy: { consecutive: 1 } });
    const { b, clock } = h;
    await b.run(ok);
    await b.run(fail).catch(() => {});
    await b.run(ok).catch(() => {});
    const n = `leakguard_breaker_name="${b.name}"`;
    let text = await h.metrics();
    expect(text).toContain(`leakguard_breaker_state{${n},leakguard_breaker_state="open"} 1`);
    expect(text).toContain(`leakguard_breaker_state{${n},leakguard_breaker_state="closed"} 0`);
    expect(text).toContain(`leakguard_breaker_calls_total{${n},leakguard_breaker_outcome="success"} 1`);
    expect(text).toContain(`leakguard_breaker_calls_total{${n},leakguard_breaker_outcome="failure"} 1`);
    expect(text).toContain(`leakguard_breaker_calls_total{${n},leakguard_breaker_outcome="rejected"} 1`);
    expect(text).toContain(`leakguard_breaker_transitions_total{${n},leakguard_breaker_from="closed",leakguard_breaker_to="open"} 1`);
    // Read at collect time: past resetTimeoutMs the scrape itself shows half-open.
    clock.advance(1_000);
    text = await h.metrics();
    expect(text).toContain(`leakguard_breaker_state{${n},leakguard_breaker_state="half_open"} 1`);
    text = await h.metrics(); // the transition the first scrape observed is counted by the next
    expect(text).toContain(`leakguard_breaker_transitions_total{${n},leakguard_breaker_from="open",leakguard_breaker_to="half_open"} 1`);
  });

  it('holds no timer: thousands of breakers cost no timers', () => {
    const before = (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const many = Array.from({ length: 2_000 }, (_, i) => createBreaker({ name: `many-${i}`, policy: { consecutive: 1 }, meter: prometheusSink() }));
    const after = (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(after).toBe(before);
    for (const b of many) b.close();
  });

  it('names bad options and what is allowed; two open breakers cannot share a name', () => {
    expect(() => createBreaker({ name: 'bad', policy: { consecutive: 0 } })).toThrow('createBreaker("bad"): policy.consecutive must be an integer >= 1, got 0');
    expect(() => createBreaker({ name: 'bad', policy: { errorRate: 2 } })).toThrow(/policy.errorRate must be a number above 0 and at most 1, got 2/);
    expect(() => createBreaker({ name: 'bad', policy: {} as never })).toThrow(/policy must be \{ consecutive: n \} or \{ errorRate/);
    expect(() => createBreaker({ name: 'bad', policy: undefined as never })).toThrow(/policy is required/);
    const one = createBreaker({ name: 'dup', policy: { consecutive: 1 }, meter: prometheusSink() });
    expect(() => createBreaker({ name: 'dup', policy: { consecutive: 1 } })).toThrow(/a breaker named "dup" is already open/);
    one.close();
    createBreaker({ name: 'dup', policy: { consecutive: 1 }, meter: prometheusSink() }).close();
  });
});
