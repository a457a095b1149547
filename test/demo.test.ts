import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { promtoolCheckMetrics } from '../packages/core/test/support/promtool.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm start (examples/demo)', () => {
  it('serves /metrics that promtool accepts, and exits 130 on SIGINT within its deadline', async () => {
    // Runs the demo from source (the "source" export condition), as `npm start` runs its build.
    const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'examples/demo/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DEMO_TICK_MS: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /metrics at (\S+)/.exec(out);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      proc.once('exit', () => reject(new Error(`demo exited early: ${out}${err}`)));
    });
    // Let a few ticks and one sweep happen.
    await new Promise((r) => setTimeout(r, 1_300));
    const body = await (await fetch(url)).text();
    expect(body).toContain('leakguard_registry_resources{leakguard_registry_name="default",leakguard_resource_kind="server"} 1');
    expect(body).toMatch(/leakguard_sweeper_runs_total\{leakguard_sweeper_name="default",leakguard_sweep_outcome="success"\} [1-9]/);
    // The simulated connection pool: min 2 kept open, jobs waited for and used connections.
    expect(body).toContain('db_client_connection_max{db_client_connection_pool_name="demo-db"} 5');
    expect(body).toMatch(/db_client_connection_use_time_seconds_count\{db_client_connection_pool_name="demo-db"\} [1-9]/);
    expect(body).toMatch(/db_client_connections\{db_client_connection_pool_name="demo-db",db_client_connection_state="idle"\} [0-9]/);
    // The migration queue: batches ran through the pool and were counted.
    expect(body).toMatch(/leakguard_queue_tasks_total\{leakguard_queue_name="demo-migration",leakguard_queue_backend="memory",leakguard_queue_outcome="success"\} [1-9]/);
    expect(body).toContain('leakguard_queue_capacity{leakguard_queue_name="demo-migration",leakguard_queue_backend="memory"} 10');
    // Per-host breakers around the flaky dependency.
    expect(body).toContain('leakguard_breakers{leakguard_breaker_registry_name="demo-hosts"} 2');
    expect(body).toMatch(/leakguard_breaker_calls_total\{leakguard_breaker_name="search",leakguard_breaker_outcome="success"\} [1-9]/);
    expect(body).toMatch(/v8js_resource_active\{v8js_resource_type="TCPServerWrap"\} [1-9]/);
    expect(body).toContain('leakguard_resources_open{leakguard_resource_kind="pool"} 1');
    expect(body).toContain('leakguard_resources_open{leakguard_resource_kind="queue"} 1');
    expect(body).toMatch(/leakguard_resources_open\{leakguard_resource_kind="lease"\} \d+/);
    expect(promtoolCheckMetrics(body)).toEqual({ status: 0, output: '' });

    const t0 = performance.now();
    proc.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(out).toContain('cache client opened (once)');
    expect(out).toMatch(/cache client closed after \d+ queries/);
    // Nothing on stderr, unless a slow machine let explainExit (4 s) speak before the 5 s deadline.
    expect(err.startsWith('leakguard: the process is still running') ? '' : err).toBe('');
  });
});
