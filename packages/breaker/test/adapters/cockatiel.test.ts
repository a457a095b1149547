import { InvalidOptionError, prometheusSink } from '@leakguard/core';
import type { PrometheusSink } from '@leakguard/core';
import { BrokenCircuitError, CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, IsolatedCircuitError, circuitBreaker, handleAll, handleWhen } from 'cockatiel';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { instrumentCockatiel } from '../../src/adapters/cockatiel.js';

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

const ok = async (): Promise<number> => 1;
const down = async (): Promise<number> => {
  throw new Error('down');
};

/** A policy that opens after two failures in a row and tries again `halfOpenAfter` ms later. */
function testPolicy(halfOpenAfter = 100): CircuitBreakerPolicy {
  return circuitBreaker(handleAll, { halfOpenAfter, breaker: new ConsecutiveBreaker(2) });
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

/** cockatiel's private emitters, to check that close() leaves none of our listeners behind. */
function listenerCounts(policy: CircuitBreakerPolicy): number[] {
  const p = policy as unknown as {
    stateChangeEmitter: { size: number };
    executor: { successEmitter: { size: number }; failureEmitter: { size: number } };
  };
  return [p.stateChangeEmitter.size, p.executor.successEmitter.size, p.executor.failureEmitter.size];
}

describe('instrumentCockatiel', () => {
  it('reports policy.state, and counts transitions and call outcomes, refusals of an open circuit as rejected', async () => {
    const name = uniqueName('ck-trip');
    const sink = testSink();
    const policy = testPolicy();
    using _inst = instrumentCockatiel(policy, { name, meter: sink });
    await expect(policy.execute(ok)).resolves.toBe(1);
    let text = await sink.registry.metrics();
    for (const line of stateLines(name, 'closed')) expect(text).toContain(line);
    expect(text).toContain(calls(name, 'success', 1));

    await expect(policy.execute(down)).rejects.toThrow('down');
    await expect(policy.execute(down)).rejects.toThrow('down');
    expect(policy.state).toBe(CircuitState.Open);
    await expect(policy.execute(ok)).rejects.toBeInstanceOf(BrokenCircuitError);
    await expect(policy.execute(ok)).rejects.toBeInstanceOf(BrokenCircuitError);
    text = await sink.registry.metrics();
    for (const line of stateLines(name, 'open')) expect(text).toContain(line);
    expect(text).toContain(calls(name, 'failure', 2));
    expect(text).toContain(calls(name, 'rejected', 2));
    expect(text).toContain(transitions(name, 'closed', 'open', 1));

    // Past halfOpenAfter the next call is the trial: a failure opens the circuit again, a success closes it.
    await sleep(120);
    await expect(policy.execute(down)).rejects.toThrow('down');
    expect(policy.state).toBe(CircuitState.Open);
    await sleep(120);
    await expect(policy.execute(ok)).resolves.toBe(1);
    text = await sink.registry.metrics();
    for (const line of stateLines(name, 'closed')) expect(text).toContain(line);
    expect(text).toContain(transitions(name, 'open', 'half_open', 2));
    expect(text).toContain(transitions(name, 'half_open', 'open', 1));
    expect(text).toContain(transitions(name, 'half_open', 'closed', 1));
    expect(text).toContain(calls(name, 'success', 2));
    expect(text).toContain(calls(name, 'failure', 3));
    expect(text).toContain(calls(name, 'rejected', 2));
    expect(text).toContain(calls(name, 'timeout', 0));
  });

  it('reports the half-open state while the trial runs, and counts a call that waited on a failed trial as one rejection', async () => {
    const name = uniqueName('ck-waiter');
    const sink = testSink();
    const policy = testPolicy(50);
    using _inst = instrumentCockatiel(policy, { name, meter: sink });
    await expect(policy.execute(down)).rejects.toThrow('down');
    await expect(policy.execute(down)).rejects.toThrow('down');
    await sleep(60);
    let failTrial!: (error: Error) => void;
    const trial = policy.execute(() => new Promise<number>((_, reject) => (failTrial = reject)));
    // A second call while the trial runs waits for it, then re-enters execute() and is refused.
    const waiter = policy.execute(ok);
    for (const line of stateLines(name, 'half_open')) expect(await sink.registry.metrics()).toContain(line);
    failTrial(new Error('still down'));
    await expect(trial).rejects.toThrow('still down');
    await expect(waiter).rejects.toBeInstanceOf(BrokenCircuitError);
    const text = await sink.registry.metrics();
    expect(text).toContain(calls(name, 'rejected', 1));
    expect(text).toContain(calls(name, 'failure', 3));
    expect(text).toContain(transitions(name, 'half_open', 'open', 1));
  });

  it('reports an isolated circuit as open and counts its IsolatedCircuitError refusals as rejected', async () => {
    const name = uniqueName('ck-isolated');
    const sink = testSink();
    const policy = testPolicy();
    using _inst = instrumentCockatiel(policy, { name, meter: sink });
    const handle = policy.isolate();
    expect(policy.state).toBe(CircuitState.Isolated);
    await expect(policy.execute(ok)).rejects.toBeInstanceOf(IsolatedCircuitError);
    let text = await sink.registry.metrics();
    for (const line of stateLines(name, 'open')) expect(text).toContain(line);
    expect(text).toContain(calls(name, 'rejected', 1));
    expect(text).toContain(transitions(name, 'closed', 'open', 1));
    handle.dispose();
    await expect(policy.execute(ok)).resolves.toBe(1);
    text = await sink.registry.metrics();
    for (const line of stateLines(name, 'closed')) expect(text).toContain(line);
    expect(text).toContain(transitions(name, 'open', 'closed', 1));
    expect(text).toContain(calls(name, 'success', 1));
  });

  it('counts an error the policy does not handle as a success (it does not count against the circuit) and passes it through', async () => {
    const name = uniqueName('ck-unhandled');
    const sink = testSink();
    const policy = circuitBreaker(
      handleWhen((e) => e.message === 'down'),
      { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(1) },
    );
    using _inst = instrumentCockatiel(policy, { name, meter: sink });
    const notFound = new Error('not found');
    await expect(policy.execute(() => Promise.reject(notFound))).rejects.toBe(notFound);
    expect(policy.state).toBe(CircuitState.Closed);
    let text = await sink.registry.metrics();
    expect(text).toContain(calls(name, 'success', 1));
    expect(text).toContain(calls(name, 'failure', 0));
    await expect(policy.execute(down)).rejects.toThrow('down');
    text = await sink.registry.metrics();
    expect(text).toContain(calls(name, 'failure', 1));
    for (const line of stateLines(name, 'open')) expect(text).toContain(line);
  });

  it('close() disposes its listeners, puts execute() back and stops reporting the state; counters keep their totals', async () => {
    const name = uniqueName('ck-close');
    const sink = testSink();
    const policy = testPolicy();
    const before = listenerCounts(policy);
    const inst = instrumentCockatiel(policy, { name, meter: sink });
    expect(listenerCounts(policy)).toEqual(before.map((n) => n + 1));
    expect(Object.hasOwn(policy, 'execute')).toBe(true);
    expect(() => instrumentCockatiel(policy, { name: uniqueName('ck-again') })).toThrow(/already instrumented as "ck-close/);
    await policy.execute(down).catch(() => {});
    await policy.execute(down).catch(() => {});
    inst.close();
    inst.close();
    expect(inst.closed).toBe(true);
    expect(listenerCounts(policy)).toEqual(before);
    expect(Object.hasOwn(policy, 'execute')).toBe(false);
    expect(policy.execute).toBe(CircuitBreakerPolicy.prototype.execute);
    await expect(policy.execute(ok)).rejects.toBeInstanceOf(BrokenCircuitError);
    const text = await sink.registry.metrics();
    expect(text).not.toContain('leakguard_breaker_state{');
    expect(text).toContain(calls(name, 'failure', 2));
    expect(text).toContain(calls(name, 'rejected', 0));
    // The name is free again.
    using _again = instrumentCockatiel(testPolicy(), { name, meter: testSink() });
  });

  it('leaves a wrapper added on top of its own in place at close(), passing calls straight through', async () => {
    const name = uniqueName('ck-layered');
    const sink = testSink();
    const policy = testPolicy();
    const inst = instrumentCockatiel(policy, { name, meter: sink });
    const ours = policy.execute;
    let theirs = 0;
    policy.execute = function (this: CircuitBreakerPolicy, ...args: Parameters<CircuitBreakerPolicy['execute']>) {
      theirs++;
      return ours.apply(this, args);
    } as CircuitBreakerPolicy['execute'];
    const layered = policy.execute;
    inst.close();
    expect(policy.execute).toBe(layered);
    await policy.execute(down).catch(() => {});
    await policy.execute(down).catch(() => {});
    await expect(policy.execute(ok)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(theirs).toBe(3);
    expect(await sink.registry.metrics()).toContain(calls(name, 'rejected', 0));
  });

  it('checks the policy and the name', () => {
    const policy = testPolicy();
    expect(() => instrumentCockatiel({} as CircuitBreakerPolicy, { name: 'x' })).toThrow(/expected a cockatiel CircuitBreakerPolicy/);
    expect(() => instrumentCockatiel(handleAll as unknown as CircuitBreakerPolicy, { name: 'x' })).toThrow(/expected a cockatiel CircuitBreakerPolicy/);
    expect(() => instrumentCockatiel(policy, undefined as never)).toThrow(/options must be an object with at least \{ name \}/);
    expect(() => instrumentCockatiel(policy, {} as never)).toThrow(InvalidOptionError);
    expect(() => instrumentCockatiel(policy, { name: 'has spaces' })).toThrow(/name must be 1-64 characters/);
    const name = uniqueName('ck-shared');
    using _first = instrumentCockatiel(policy, { name, meter: testSink() });
    const other = testPolicy();
    expect(() => instrumentCockatiel(other, { name, meter: testSink() })).toThrow(/a breaker named "ck-shared.*" is already open/);
    expect(Object.hasOwn(other, 'execute')).toBe(false);
  });
});
