import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { ResourceRegistry } from '../../src/lifecycle/ResourceRegistry.js';
import { installShutdownHooks } from '../../src/lifecycle/shutdownHooks.js';

const fixture = fileURLToPath(new URL('../fixtures/lifecycle-child.ts', import.meta.url));

interface Child {
  readonly proc: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly ready: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
}

function start(...args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let readyAt = 0;
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^ready(.*)$/m.exec(out);
      if (m !== null && readyAt === 0) {
        readyAt = performance.now();
        resolve((m[1] ?? '').trim());
      }
    });
    proc.once('exit', () => reject(new Error(`child exited before ready: ${err}`)));
  });
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal, afterMs: performance.now() - readyAt }));
  });
  return { proc, stdout: () => out, stderr: () => err, ready, exited };
}

describe('installShutdownHooks (in a child process)', () => {
  it('SIGTERM disposes everything within the deadline and exits 143', async () => {
    const child = start('serve', '5000');
    const url = await child.ready;
    expect((await fetch(url)).status).toBe(200);
    child.proc.kill('SIGTERM');
    const { code } = await child.exited;
    expect(code).toBe(143);
    expect(child.stdout()).toContain('disposed sweeper task');
  });

  it('a hanging resource cannot hold the exit past the deadline; the error names it; exit 130', async () => {
    const child = start('hang', '300');
    await child.ready;
    child.proc.kill('SIGINT');
    const { code, afterMs } = await child.exited;
    expect(code).toBe(130);
    expect(afterMs).toBeLessThan(5_000);
    expect(child.stderr()).toContain('queue "stuck" had not finished disposing when the 300 ms deadline passed');
    // The resources registered before it were still disposed.
    expect(child.stdout()).toContain('disposed sweeper task');
  });

  it('a second signal during shutdown exits at once', async () => {
    const child = start('hang', '60000');
    await child.ready;
    child.proc.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    child.proc.kill('SIGTERM');
    const { code, afterMs } = await child.exited;
    expect(code).toBe(143);
    expect(afterMs).toBeLessThan(10_000);
    expect(child.stderr()).toContain('received again during shutdown: exiting now');
  });

  it('a process using the Sweeper, hooks, lazy and the registry exits on its own', async () => {
    const child = start('idle');
    await child.ready;
    const { code, signal } = await child.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
  });
});

describe('installShutdownHooks (in process)', () => {
  it('is idempotent per registry, removable, and shutdown() exits with the conventional code', async () => {
    const registry = new ResourceRegistry({ name: 'hooks' });
    const codes: number[] = [];
    const before = process.listenerCount('SIGINT');
    const hooks = installShutdownHooks({ registry, logger: silentLogger, exit: (c) => void codes.push(c) });
    expect(installShutdownHooks({ registry })).toBe(hooks);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    let disposed = false;
    registry.register(() => void (disposed = true), { name: 'x' });
    const savedExitCode = process.exitCode;
    try {
      await hooks.shutdown('SIGINT');
      expect(hooks.shuttingDown).toBe(true);
      expect(disposed).toBe(true);
      expect(codes).toEqual([130]);
    } finally {
      process.exitCode = savedExitCode;
      hooks.remove();
      hooks[Symbol.dispose]();
    }
    expect(process.listenerCount('SIGINT')).toBe(before);
    const again = installShutdownHooks({ registry, logger: silentLogger, exit: () => {} });
    expect(again).not.toBe(hooks);
    again.remove();
    await registry.close();
  });

  it('rejects a signal name that does not exist', () => {
    expect(() => installShutdownHooks({ registry: new ResourceRegistry({ name: 'bad' }), signals: ['SIGNOPE' as NodeJS.Signals] })).toThrow(
      /"SIGNOPE" is not a signal name/,
    );
  });
});
