import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bench/run.ts` from source (the "source" export condition) with gc() exposed, as `npm run bench` does. */
function bench(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', 'bench/run.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.once('error', reject);
    proc.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const CONTENDERS = ['leakguard', 'leakguard-no-metrics', 'generic-pool', 'tarn'];
const QUEUE_CONTENDERS = ['leakguard', 'leakguard-no-metrics', 'p-queue', 'fastq'];
const BREAKER_CONTENDERS = ['direct', 'leakguard', 'opossum', 'cockatiel'];

// A smoke run only: tiny sizes prove the harness and every contender work; the numbers mean nothing.
describe('npm run bench (smoke)', () => {
  it('breaker --json prints exactly one JSON object with calls/s per contender', async () => {
    const run = await bench('breaker', '--json', '--scale', '0.005', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as { suite: unknown; unit: unknown; calls: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(['suite', 'unit', 'calls']);
    expect(report.suite).toBe('breaker');
    expect(report.unit).toBe('calls/s');
    expect(Object.keys(report.calls)).toEqual(BREAKER_CONTENDERS);
    for (const [contender, value] of Object.entries(report.calls)) {
      expect(Number.isInteger(value) && (value as number) > 0, `calls/${contender} = ${String(value)}`).toBe(true);
    }
    expect(run.stderr).toContain('breaker/calls: 1000 calls of async () => 1');
    expect(run.stderr).toContain('breaker/calls round 1/1');
  });

  it('breaker prints a table with each contender against opossum and cockatiel, and the targets', async () => {
    const run = await bench('breaker', '--scale', '0.005', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/contender +median calls\/s +min-max +vs opossum +vs cockatiel/);
    for (const contender of BREAKER_CONTENDERS) expect(run.stdout).toMatch(new RegExp(`\\n  ${contender} +[\\d,]+ `));
    expect(run.stdout).toMatch(/target leakguard >= 3x opossum: \d+\.\d\dx, (met|MISSED)/);
    expect(run.stdout).toMatch(/target leakguard >= 1x cockatiel: \d+\.\d\dx, (met|MISSED)/);
  });

  it('handles --json prints exactly one JSON object with req/s with the tracker off and on', async () => {
    // The shortest trials the suite allows (100 ms): a real server, a real load process, twice per round.
    const run = await bench('handles', '--json', '--scale', '0.01', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as { suite: unknown; unit: unknown; throughput: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(['suite', 'unit', 'throughput']);
    expect(report.suite).toBe('handles');
    expect(report.unit).toBe('req/s');
    expect(Object.keys(report.throughput)).toEqual(['off', 'on']);
    for (const [contender, value] of Object.entries(report.throughput)) {
      expect(Number.isInteger(value) && (value as number) > 0, `throughput/${contender} = ${String(value)}`).toBe(true);
    }
    expect(run.stderr).toContain('handles/http round 1/1');
  });

  it('handles prints a table with on against off and the 0.85 target', async () => {
    const run = await bench('handles', '--scale', '0.01', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/contender +median req\/s +min-max +vs off/);
    for (const contender of ['off', 'on']) expect(run.stdout).toMatch(new RegExp(`\\n  ${contender} +[\\d,]+ `));
    expect(run.stdout).toMatch(/target on\/off >= 0\.85: \d+\.\d\d, (met|MISSED)/);
  });

  it('pool --json prints exactly one JSON object with a positive ops/s per scenario and contender', async () => {
    const run = await bench('pool', '--json', '--scale', '0.005', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    // One line, one object: progress went to stderr.
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as { suite: unknown; unit: unknown; scenarios: Record<string, Record<string, unknown>> };
    expect(Object.keys(report)).toEqual(['suite', 'unit', 'scenarios']);
    expect(report.suite).toBe('pool');
    expect(report.unit).toBe('ops/s');
    expect(Object.keys(report.scenarios).sort()).toEqual(['contended', 'uncontended']);
    for (const [scenario, row] of Object.entries(report.scenarios)) {
      expect(Object.keys(row).sort(), scenario).toEqual([...CONTENDERS].sort());
      for (const [contender, value] of Object.entries(row)) {
        expect(Number.isInteger(value) && (value as number) > 0, `${scenario}/${contender} = ${String(value)}`).toBe(true);
      }
    }
    expect(run.stderr).toContain('pool/contended round 1/1');
  });

  it('queue --json prints exactly one JSON object with tasks/s per contender and the heap growth of its memory run', async () => {
    const run = await bench('queue', '--json', '--scale', '0.005', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as { suite: unknown; unit: unknown; throughput: Record<string, unknown>; memory: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(['suite', 'unit', 'throughput', 'memory']);
    expect(report.suite).toBe('queue');
    expect(report.unit).toBe('tasks/s');
    expect(Object.keys(report.throughput).sort()).toEqual([...QUEUE_CONTENDERS].sort());
    for (const [contender, value] of Object.entries(report.throughput)) {
      expect(Number.isInteger(value) && (value as number) > 0, `throughput/${contender} = ${String(value)}`).toBe(true);
    }
    // 0.005 of 1 000 000 tasks; the growth of so small a run is noise, and may be negative.
    expect(Object.keys(report.memory)).toEqual(['tasks', 'heap_growth_bytes']);
    expect(report.memory.tasks).toBe(5000);
    expect(Number.isInteger(report.memory.heap_growth_bytes)).toBe(true);
    expect(run.stderr).toContain('queue/throughput round 1/1');
  });

  it('paths --json prints exactly one JSON object with the corpus size and each contender\'s wall time', async () => {
    // 0.005 × 20,000: a 100-file slice of the installed dependencies; no download.
    const run = await bench('paths', '--json', '--scale', '0.005', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as { suite: unknown; files: unknown; bytes: unknown; seconds: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(['suite', 'files', 'bytes', 'seconds']);
    expect(report.suite).toBe('paths');
    expect(report.files).toBe(100);
    expect(Number.isInteger(report.bytes) && (report.bytes as number) > 0).toBe(true);
    expect(Object.keys(report.seconds)).toEqual(['leakguard', 'ripgrep', 'eslint']);
    for (const [contender, value] of Object.entries(report.seconds)) {
      expect(typeof value === 'number' && value > 0, `seconds/${contender} = ${String(value)}`).toBe(true);
    }
    expect(run.stderr).toContain('paths round 1/1');
  });

  it('disposal --json prints one JSON object for one project: rule times from ESLint\'s TIMING, audit and tsc wall times', async () => {
    // A smoke run measures packages/core alone and downloads nothing.
    const run = await bench('disposal', '--json', '--scale', '0.01', '--rounds', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as { suite: unknown; project: unknown; files: unknown; rule_ms: Record<string, unknown>; seconds: Record<string, unknown>; projects: unknown[] };
    expect(Object.keys(report)).toEqual(['suite', 'project', 'files', 'rule_ms', 'seconds', 'projects']);
    expect(report.suite).toBe('disposal');
    expect(report.project).toBe('leakguard');
    expect(Number.isInteger(report.files) && (report.files as number) > 10).toBe(true);
    expect(Object.keys(report.rule_ms)).toEqual(['no-leaked-resource', 'no-floating-promises']);
    expect(Object.keys(report.seconds)).toEqual(['audit', 'tsc']);
    for (const [name, value] of [...Object.entries(report.rule_ms), ...Object.entries(report.seconds)]) {
      expect(typeof value === 'number' && value > 0, `${name} = ${String(value)}`).toBe(true);
    }
    expect(report.projects).toHaveLength(1);
    expect(run.stderr).toContain('disposal leakguard round 1/1');
  }, 120_000);

  it('refuses an unknown suite with exit code 2, naming the available suites', async () => {
    const run = await bench('no-such-suite', '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown suite "no-such-suite"; available suites: breaker, disposal, handles, paths, pool, queue');
  });
});
