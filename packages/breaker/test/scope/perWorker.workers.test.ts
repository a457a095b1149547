import { closeSync, fstatSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkerEnd, WorkerReport } from '../fixtures/per-worker-child.js';

const entry = new URL('../fixtures/per-worker-entry.mjs', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'leakguard-per-worker-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended {
  readonly report: WorkerReport;
  readonly exitCode: number;
  readonly error: Error | undefined;
  /** Lines the worker's disposers appended, in the order they ran. */
  readonly events: string[];
}

/** Starts a worker running the fixture, waits for its report, ends it as `end` says, and waits for its exit. */
async function runWorker(end: WorkerEnd, options: { trackUnmanagedFds?: boolean } = {}): Promise<Ended> {
  const worker = new Worker(entry, { workerData: { dir, end }, execArgv: ['--conditions=source'], ...options });
  let error: Error | undefined;
  worker.on('error', (e) => {
    error = e;
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const report = await Promise.race([
    new Promise<WorkerReport>((resolve) => worker.once('message', resolve)),
    exited.then((code) => {
      throw new Error(`worker exited with code ${code} before reporting: ${error?.stack ?? 'no error'}`);
    }),
  ]);
  if (end === 'terminate') await worker.terminate();
  else if (end !== 'loop-empty') worker.postMessage('stop');
  const exitCode = await exited;
  let events: string[] = [];
  try {
    events = readFileSync(join(dir, `events-${report.threadId}`), 'utf8').split('\n').filter(Boolean);
  } catch {
    // No disposer ran.
  }
  return { report, exitCode, error, events };
}

/** Whether something still listens on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether `fd` (descriptors are process-wide) still refers to the worker's file. */
function fdOpen(fd: number, file: string): boolean {
  try {
    const open = fstatSync(fd);
    const expected = statSync(file);
    return open.ino === expected.ino && open.dev === expected.dev;
  } catch {
    return false;
  }
}

describe('perWorker in real worker threads', () => {
  it('gives each worker its own instance, and disposes it when the worker closes its parentPort or its event loop empties', async () => {
    const ended = await Promise.all([runWorker('port-close'), runWorker('port-close'), runWorker('loop-empty'), runWorker('loop-empty')]);
    expect(new Set(ended.map((e) => e.report.threadId)).size).toBe(4);
    expect(new Set(ended.map((e) => e.report.port)).size).toBe(4);
    for (const { report, exitCode, error, events } of ended) {
      expect(report.shared).toBe(true);
      expect(error).toBeUndefined();
      expect(exitCode).toBe(0);
      // Asynchronous disposal was awaited, newest instance first.
      expect(events).toEqual(['server closed', 'file closed']);
      expect(await listening(report.port)).toBe(false);
      expect(fdOpen(report.fd, report.file)).toBe(false);
    }
  });

  it('on process.exit() and on an uncaught exception, only synchronous disposal finishes', async () => {
    const ended = await Promise.all([runWorker('exit'), runWorker('throw')]);
    const [exited, crashed] = ended as [Ended, Ended];
    expect(exited.exitCode).toBe(0);
    expect(crashed.exitCode).toBe(1);
    expect(crashed.error?.message).toBe('worker crashed');
    for (const { report, events } of ended) {
      // 'exit' listeners run only synchronous code: the server's close started but its callback never ran.
      expect(events).toEqual(['file closed']);
      // Node closed the listening socket itself when the thread was torn down.
      expect(await listening(report.port)).toBe(false);
      expect(fdOpen(report.fd, report.file)).toBe(false);
    }
  });

  it('on worker.terminate(), no disposer runs at all: Node closes the sockets and tracked descriptors itself', async () => {
    const { report, exitCode, events } = await runWorker('terminate');
    expect(exitCode).toBe(1);
    expect(events).toEqual([]);
    expect(await listening(report.port)).toBe(false);
    // Closed by Node's trackUnmanagedFds (on by default), not by the disposer.
    expect(fdOpen(report.fd, report.file)).toBe(false);
  });

  it('on worker.terminate() with trackUnmanagedFds off, the descriptor stays open: proof that no disposer ran', async () => {
    const { report, events } = await runWorker('terminate', { trackUnmanagedFds: false });
    expect(events).toEqual([]);
    const leaked = fdOpen(report.fd, report.file);
    if (leaked) closeSync(report.fd);
    expect(leaked).toBe(true);
    expect(await listening(report.port)).toBe(false);
  });
});
