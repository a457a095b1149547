import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, ResourceRegistry } from '@leakguard/core';
import type { Logger } from '@leakguard/core';
import { describeWhatKeepsAlive, explainExit } from '../src/explainExit.js';
import { trackHandles } from '../src/tracker/index.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

function runFixture(name: string) {
  return run(process.execPath, ['--import', 'tsx', '--conditions=source', fixture(name)], { cwd: repoRoot, timeout: 10_000 });
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) };
}

describe('explainExit', () => {
  it('prints creation sites, the lease held and the registered names when the process outlives afterMs', async () => {
    const started = performance.now();
    const { stderr } = await runFixture('explain-exit.ts');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(stderr).toContain('the process is still running 200 ms after shutdown began; this keeps it alive:');
    expect(stderr).toMatch(/active resources \(process\.getActiveResourcesInfo\): .*Timeout × 1/);
    expect(stderr).toMatch(/interval created at packages\/handles\/test\/fixtures\/explain-exit\.ts:10:10 \(startPolling\), age \d+ ms/);
    expect(stderr).toMatch(/pool "db" lease acquired at packages\/handles\/test\/fixtures\/explain-exit\.ts:14:14 \(syncJob\), held \d+ ms/);
    expect(stderr).toMatch(/pool "db" created at packages\/handles\/test\/fixtures\/explain-exit\.ts:7:14, open \d+ ms/);
    expect(stderr).toMatch(/pool "db" registered \d+ ms ago/);
  });

  it('never keeps the process alive itself, and prints nothing when it exits in time', async () => {
    const started = performance.now();
    const { stderr } = await runFixture('explain-exit-clean.ts');
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(stderr).toBe('');
  });

  it('can be cancelled', async () => {
    const logger = recordingLogger();
    const explanation = explainExit({ afterMs: 10, logger, registry: new ResourceRegistry({ name: 'explain-cancel' }) });
    explanation.cancel();
    {
      using _scoped = explainExit({ afterMs: 10, logger, registry: new ResourceRegistry({ name: 'explain-dispose' }) });
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(logger.warnings).toEqual([]);
  });

  it('logs through the given logger, with the given registry', async () => {
    const logger = recordingLogger();
    const registry = new ResourceRegistry({ name: 'explain-logger' });
    registry.register(() => {}, { name: 'jobs', kind: 'queue' });
    explainExit({ afterMs: 5, logger, registry });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/leakguard resources still registered in "explain-logger" \(not closed\):\n {4}queue "jobs" registered \d+ ms ago/);
    await registry.disposeAll();
  });

  it('says how to get creation sites when no tracker is on', () => {
    const text = describeWhatKeepsAlive(1000, new ResourceRegistry({ name: 'explain-none' }), undefined);
    expect(text).toContain('creation sites: unknown; call trackHandles() at startup');
    expect(text).toContain('leakguard resources still registered in "explain-none": none');
  });

  it('uses the tracker it is given', () => {
    const tracker = trackHandles();
    try {
      const leak = setInterval(() => {}, 1000);
      const text = describeWhatKeepsAlive(1000, new ResourceRegistry({ name: 'explain-tracker' }), tracker);
      clearInterval(leak);
      expect(text).toMatch(/interval created at .*explainExit\.test\.ts:\d+:\d+/);
    } finally {
      tracker.stop();
    }
  });

  it('rejects a missing or negative afterMs', () => {
    expect(() => explainExit({ afterMs: -1 })).toThrow(InvalidOptionError);
    expect(() => explainExit({} as { afterMs: number })).toThrow(/afterMs must be an integer >= 0/);
  });
});
