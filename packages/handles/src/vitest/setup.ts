// Vitest setup file (`@leakguard/handles/vitest-setup`): fails or warns when a test file, or a
// test, leaves handles open that it created. Add it with `leakguardHandles()` from ./config.js.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, expect, inject } from 'vitest';
import type { OpenResourceItem } from '@leakguard/core';
import { openResourceItems } from '@leakguard/core';
import { describeOpenResource } from '../openResources.js';
import type { HandleKind, OpenHandle } from '../tracker/HandleReport.js';
import { trackHandles, untracked } from '../tracker/HandleTracker.js';
import { formatAge } from '../tracker/formatReport.js';
import type { LeakguardHandlesOptions } from './config.js';
import { resolveHandlesOptions } from './options.js';

declare module 'vitest' {
  export interface ProvidedContext {
    leakguardHandles?: LeakguardHandlesOptions;
  }
}

/** How to close each kind, for the message. */
const HOW_TO_CLOSE: Record<HandleKind, string> = {
  timeout: 'clearTimeout()',
  interval: 'clearInterval()',
  socket: 'socket.destroy() or end()',
  server: 'server.close()',
  file: 'fileHandle.close()',
  childProcess: 'await its exit, or kill()',
  worker: 'worker.terminate()',
  pipe: 'close the stream',
  pipeServer: 'server.close()',
  udp: 'socket.close()',
};

const options = resolveHandlesOptions(inject('leakguardHandles'), process.env);
const tracker = trackHandles();
// Everything created from here on (the test file's imports included) belongs to this file.
const fileMark = tracker.mark();
const testStarts: { mark: number; name: string; items: ReadonlySet<object> }[] = [];
const reported = new Set<number>();
/** leakguard resources (pools, leases, queues) open before this file's code ran, or already reported. */
const fileItems = openItemRefs();
const reportedItems = new WeakSet<object>();

function openItemRefs(): Set<object> {
  return new Set(openResourceItems().map((i) => i.ref));
}

function currentTestName(fallback: string): string {
  return expect.getState().currentTestName ?? fallback;
}

/** Step of the wait for closes still in flight. */
const GRACE_STEP_MS = 5;

/**
 * Lets closes finish (close callbacks, destroy hooks) before judging: two event-loop turns, then,
 * while `pending()` still finds something open, short sleeps up to `graceMs` in all. A socket whose
 * peer has already hung up closes a moment later on a busy machine; a clean file waits no longer.
 */
async function grace(pending: () => boolean): Promise<void> {
  await nextTurn();
  await nextTurn();
  const deadline = performance.now() + options.graceMs;
  while (pending() && performance.now() < deadline) await untracked(() => sleep(GRACE_STEP_MS));
}

function ignored(handle: OpenHandle): boolean {
  return options.ignore.some((pattern) => handle.kind === pattern || handle.site.includes(pattern) || handle.stack.includes(pattern));
}

function leaksSince(mark: number): OpenHandle[] {
  const report = tracker.report({ after: mark, includeDependencies: false });
  return report.entries.flatMap((e) => e.handles).filter((h) => !reported.has(h.asyncId) && !ignored(h));
}

/** leakguard pools, leases, queues and registries open now that were not open at `before`. */
function itemsSince(before: ReadonlySet<object>): OpenResourceItem[] {
  return openResourceItems().filter(
    (i) => !before.has(i.ref) && !reportedItems.has(i.ref) && !options.ignore.some((p) => i.kind === p || (i.stack ?? '').includes(p)),
  );
}

/** The test that was running when the handle was created, if any. */
function testOf(handle: OpenHandle): string | undefined {
  let name: string | undefined;
  for (const start of testStarts) if (start.mark < handle.sequence) name = start.name;
  return name;
}

/** How to close each leakguard kind, for the message. */
function howToCloseItem(kind: string): string {
  if (kind === 'lease') return 'lease.release(), or `await using` the lease';
  if (kind === 'breaker-registry') return 'registry.close()';
  return `${kind}.close(), or \`await using\` it`;
}

/** The test an open leakguard resource was opened in: the last one that did not find it open when it began. */
function testOfItem(ref: object): string | undefined {
  let name: string | undefined;
  for (const start of testStarts) if (!start.items.has(ref)) name = start.name;
  return name;
}

function describeLeaks(where: string, leaks: readonly OpenHandle[], items: readonly OpenResourceItem[]): string {
  const count = leaks.length + items.length;
  const lines = [`leakguard: ${where} left ${count === 1 ? '1 handle' : `${count} handles`} open that it created:`];
  for (const h of leaks) {
    const fn = h.functionName === undefined || h.functionName === '<anonymous>' ? '' : ` (${h.functionName})`;
    const test = testOf(h);
    lines.push(`  ${h.kind} created at ${h.site}${fn}${test === undefined ? '' : ` in test "${test}"`}, open for ${formatAge(h.ageMs)}; close it with ${HOW_TO_CLOSE[h.kind]}`);
    if (options.stacks) lines.push(...stackLines(h.stack));
  }
  for (const item of items) {
    const test = testOfItem(item.ref);
    lines.push(`  ${describeOpenResource(item)}${test === undefined ? '' : ` (in test "${test}")`}; close it with ${howToCloseItem(item.kind)}`);
    if (options.stacks && item.stack !== undefined) lines.push(...stackLines(item.stack));
  }
  lines.push('Close them before the test ends, or accept them with leakguardHandles({ ignore: [<kind or site>] }).');
  return lines.join('\n');
}

function stackLines(stack: string): string[] {
  return stack
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at ') || l.includes('-- created in a callback of --'))
    .map((l) => `      ${l.trim()}`);
}

function judge(where: string, leaks: readonly OpenHandle[], items: readonly OpenResourceItem[]): void {
  if (leaks.length === 0 && items.length === 0) return;
  for (const h of leaks) reported.add(h.asyncId);
  for (const item of items) reportedItems.add(item.ref);
  const message = describeLeaks(where, leaks, items);
  if (options.mode === 'fail') throw new Error(message);
  console.warn(message);
}

if (options.mode !== 'off') {
  beforeEach(({ task }) => {
    testStarts.push({ mark: tracker.mark(), name: currentTestName(task.name), items: openItemRefs() });
  });

  if (options.perTest) {
    afterEach(async ({ task }) => {
      const start = testStarts.at(-1);
      if (start === undefined) return;
      await grace(() => leaksSince(start.mark).length > 0 || itemsSince(start.items).length > 0);
      judge(`test "${start.name}" in ${relativeFile(expect.getState().testPath ?? task.file.filepath)}`, leaksSince(start.mark), itemsSince(start.items));
    });
  }

  afterAll(async () => {
    await grace(() => leaksSince(fileMark).length > 0 || itemsSince(fileItems).length > 0);
    const file = expect.getState().testPath ?? 'this test file';
    judge(`test file ${relativeFile(file)}`, leaksSince(fileMark), itemsSince(fileItems));
  });
}

function relativeFile(file: string): string {
  const cwd = `${process.cwd()}/`;
  return file.startsWith(cwd) ? file.slice(cwd.length) : file;
}
