import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fsPromises, { open } from 'node:fs/promises';
import { Server, createConnection, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@leakguard/core';
import type { HandleReport, HandleTracker } from '../../src/tracker/index.js';
import { activeHandleTracker, formatReport, trackHandles, untracked } from '../../src/tracker/index.js';

const thisFile = fileURLToPath(import.meta.url);

/** Lets close callbacks and destroy hooks (queued by node) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await tick();
}

/** Only what this test created: Vitest's own handles come from node_modules. */
function ours(tracker: HandleTracker, after: number): HandleReport {
  return tracker.report({ after, includeDependencies: false });
}

function kinds(report: HandleReport): string[] {
  return report.entries.flatMap((e) => e.handles.map((h) => h.kind)).sort();
}

function sitesAreHere(report: HandleReport): void {
  for (const entry of report.entries) expect(entry.site).toMatch(/HandleTracker\.test\.ts:\d+:\d+$/);
}

let tracker: HandleTracker | undefined;
afterEach(() => {
  tracker?.stop();
  tracker = undefined;
});

describe('trackHandles', () => {
  it('returns the same tracker when enabled twice, and a new one after stop()', () => {
    tracker = trackHandles();
    expect(trackHandles()).toBe(tracker);
    expect(activeHandleTracker()).toBe(tracker);
    tracker.stop();
    expect(tracker.stopped).toBe(true);
    expect(activeHandleTracker()).toBeUndefined();
    tracker.stop();
    const again = trackHandles();
    expect(again).not.toBe(tracker);
    tracker = again;
  });

  it('rejects an unknown handle type, naming the ones it knows', () => {
    expect(() => trackHandles({ types: ['TIMERWRAP'] })).toThrow(InvalidOptionError);
    expect(() => trackHandles({ types: ['TIMERWRAP'] })).toThrow(/TIMERWRAP.*Timeout, TCPWRAP/);
    expect(activeHandleTracker()).toBeUndefined();
  });

  it('leaves out handles created before tracking began', async () => {
    const before = setInterval(() => {}, 1000);
    tracker = trackHandles();
    expect(tracker.report().total).toBe(0);
    clearInterval(before);
    await settle();
    expect(tracker.report().total).toBe(0);
  });

  it('reports a timeout while pending, and not once cleared or fired', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const cleared = setTimeout(() => {}, 10_000);
    let fired!: () => void;
    const done = new Promise<void>((resolve) => (fired = resolve));
    setTimeout(fired, 5);
    let report = ours(tracker, mark);
    expect(kinds(report)).toEqual(['timeout', 'timeout']);
    sitesAreHere(report);
    clearTimeout(cleared);
    await done;
    report = ours(tracker, mark);
    expect(report.total).toBe(0);
    await settle();
    expect(ours(tracker, mark).total).toBe(0);
  });

  it('reports an interval until cleared, and leaves out an unref’d one', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const interval = setInterval(() => {}, 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const report = ours(tracker, mark);
    expect(kinds(report)).toEqual(['interval']);
    expect(report.entries[0]?.count).toBe(1);
    expect(report.entries[0]?.oldestAgeMs).toBeGreaterThanOrEqual(5);
    interval.unref();
    expect(ours(tracker, mark).total).toBe(0);
    expect(tracker.report({ after: mark, includeDependencies: false, includeUnref: true }).total).toBe(1);
    clearInterval(interval);
    await settle();
    expect(tracker.report({ after: mark, includeUnref: true, includeDependencies: false }).total).toBe(0);
  });

  it('groups handles by creation site with counts and ages', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const timers = [1, 2, 3].map(() => setInterval(() => {}, 1000));
    const other = setTimeout(() => {}, 1000);
    const report = ours(tracker, mark);
    expect(report.total).toBe(4);
    expect(report.entries.map((e) => [e.count, e.kinds])).toEqual([
      [3, ['interval']],
      [1, ['timeout']],
    ]);
    expect(report.entries[0]?.newestAgeMs).toBeLessThanOrEqual(report.entries[0]?.oldestAgeMs ?? -1);
    expect(report.entries[0]?.handles[0]?.stack).toContain('HandleTracker.test.ts');
    const text = formatReport(report);
    expect(text).toMatch(/^3 × interval created at .*HandleTracker\.test\.ts:\d+:\d+.*, oldest \d+ ms$/m);
    expect(text).toMatch(/^timeout created at .*HandleTracker\.test\.ts:\d+:\d+.*, age \d+ ms$/m);
    for (const t of timers) clearInterval(t);
    clearTimeout(other);
    await settle();
    expect(ours(tracker, mark).total).toBe(0);
    expect(formatReport(ours(tracker, mark))).toBe('no open handles were created while tracking');
  });

  it('reports a listening server and both ends of a connection until closed', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    expect(kinds(ours(tracker, mark))).toEqual(['server']);
    const accepted = once(server, 'connection');
    const socket = createConnection((server.address() as AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    const [serverSide] = (await accepted) as [Socket];
    const report = ours(tracker, mark);
    expect(kinds(report)).toEqual(['server', 'socket', 'socket']);
    // The accepted socket is created by native code; it is named after the server's site.
    sitesAreHere(report);
    socket.destroy();
    serverSide.destroy();
    await new Promise((resolve) => server.close(resolve));
    await settle();
    expect(ours(tracker, mark).total).toBe(0);
  });

  it('names the caller when a handle is created after a lookup, and leaves out an unref’d server', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const server = createServer((peer) => peer.destroy());
    server.listen(0, 'localhost');
    await once(server, 'listening');
    const socket = createConnection((server.address() as AddressInfo).port, 'localhost');
    await once(socket, 'connect');
    expect(kinds(ours(tracker, mark))).toContain('server');
    sitesAreHere(ours(tracker, mark));
    await once(socket, 'close');
    server.unref();
    await settle();
    expect(ours(tracker, mark).total).toBe(0);
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports a file handle until closed', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const file = await open(thisFile, 'r');
    const report = ours(tracker, mark);
    expect(kinds(report)).toEqual(['file']);
    sitesAreHere(report);
    await file.close();
    expect(ours(tracker, mark).total).toBe(0);
  });

  it('reports a child process until it has exited', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const report = ours(tracker, mark);
    expect(kinds(report)).toEqual(['childProcess']);
    sitesAreHere(report);
    await once(child, 'exit');
    await settle();
    expect(ours(tracker, mark).total).toBe(0);
  });

  it('reports a worker until it has exited', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const worker = new Worker('setTimeout(() => {}, 50)', { eval: true });
    const report = ours(tracker, mark);
    expect(kinds(report)).toEqual(['worker']);
    sitesAreHere(report);
    await once(worker, 'exit');
    await settle();
    expect(ours(tracker, mark).total).toBe(0);
  });

  it('leaves out handles leakguard creates for itself', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const own = untracked(() => setTimeout(() => {}, 1000));
    expect(ours(tracker, mark).total).toBe(0);
    clearTimeout(own);
  });

  it('forgets everything and records nothing once stopped', () => {
    tracker = trackHandles();
    const leaked = setInterval(() => {}, 1000);
    expect(tracker.report({ includeDependencies: false }).total).toBe(1);
    tracker.stop();
    expect(tracker.report().total).toBe(0);
    const later = setInterval(() => {}, 1000);
    expect(tracker.report().total).toBe(0);
    clearInterval(leaked);
    clearInterval(later);
  });

  it('puts back the methods it wraps (fs.promises.open, Server.prototype.listen) when stopped', () => {
    const open = fsPromises.open;
    const listen = Server.prototype.listen;
    tracker = trackHandles();
    expect(fsPromises.open).not.toBe(open);
    expect(Server.prototype.listen).not.toBe(listen);
    tracker.stop();
    expect(fsPromises.open).toBe(open);
    expect(Server.prototype.listen).toBe(listen);
  });

  it('passes through what listen() throws, and still names the next listen()’s site', async () => {
    tracker = trackHandles();
    const mark = tracker.mark();
    const server = createServer();
    expect(() => server.listen({ port: -1 })).toThrow(RangeError);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    sitesAreHere(ours(tracker, mark));
    await new Promise((resolve) => server.close(resolve));
  });
});
