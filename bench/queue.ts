import { METRICS, ResourceRegistry } from '@leakguard/core';
import fastq from 'fastq';
import PQueue from 'p-queue';
import { createQueue } from '../packages/queue/src/index.js';
import type { Contender, Trial } from './support/interleave.js';
import { interleave } from './support/interleave.js';
import type { Metrics } from './support/metrics.js';
import { withMetrics } from './support/metrics.js';
import { noopSink } from './support/noopSink.js';
import { roundProgress, roundRegistry } from './support/roundRegistry.js';
import { median } from './support/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from './support/suite.js';

/** Tasks per throughput trial, at scale 1. */
const THROUGHPUT_TASKS = 200_000;
/** Tasks pushed through one queue for the memory measurement, at scale 1. */
const MEMORY_TASKS = 1_000_000;
/** Memory tasks are added and awaited this many at a time, so the heap holds the queue's records, not a million pending promises. */
const MEMORY_BATCH = 10_000;
const CONCURRENCY = 10;
/** What a queue may keep after MEMORY_TASKS tasks with default retention (1000 completed + 1000 failed records). */
const HEAP_TARGET_BYTES = 16 * 1024 * 1024;

const ANCHORS = ['p-queue', 'fastq'] as const;

type Task = () => Promise<number>;

/** The trivial task every contender runs: one shared function, so no contender pays for allocating closures. */
const task: Task = async () => 1;

/** The `queue` suite: task throughput of leakguard's createQueue (metrics on and off) against p-queue and fastq, and the heap a queue keeps after a million tasks. */
export const suite: Suite = {
  name: 'queue',
  description: 'task throughput of createQueue (metrics on and off) vs p-queue and fastq, and heap growth after 1M tasks',
  run: runQueueSuite,
};

async function runQueueSuite(options: SuiteOptions): Promise<SuiteResult> {
  // Checked first, so a run without the flag fails at once rather than after the throughput rounds.
  const gc = globalThis.gc;
  if (gc === undefined) {
    throw new Error(
      'bench queue: the memory scenario needs gc(), which node exposes only with --expose-gc; run `npm run bench -- queue` (its script passes the flag) or `node --expose-gc --conditions=source --import tsx bench/run.ts queue`',
    );
  }
  const warmupRounds = 1;
  const tasks = Math.max(1, Math.round(THROUGHPUT_TASKS * options.scale));
  const description = `${tasks} tasks of async () => 1, concurrency ${CONCURRENCY}, all added up front, then wait for idle`;
  options.progress(`queue/throughput: ${description}; ${warmupRounds} warm-up + ${options.rounds} rounds`);
  const rounds = roundRegistry();
  const samples = await interleave(contenders(tasks, rounds.current), {
    ops: tasks,
    rounds: options.rounds,
    warmupRounds,
    around: rounds.around,
    onRound: roundProgress(options.progress, 'queue/throughput', options.rounds),
  });

  const memoryTasks = Math.max(1, Math.round(MEMORY_TASKS * options.scale));
  options.progress(`queue/memory: ${memoryTasks} tasks through one leakguard queue (default retention, metrics on), ${Math.min(MEMORY_BATCH, memoryTasks)} at a time`);
  const heapGrowth = await measureHeapGrowth(memoryTasks, gc);
  options.progress(`queue/memory: heap grew ${heapGrowth} bytes`);

  const throughput: Record<string, number> = {};
  for (const [contender, values] of samples) throughput[contender] = Math.round(median(values));
  const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
  return {
    suite: 'queue',
    unit: 'tasks/s',
    higherIsBetter: true,
    anchors: ANCHORS,
    rounds: options.rounds,
    warmupRounds,
    scenarios: [{ name: 'throughput', description, samples }],
    notes: [
      `memory (${memoryTasks} tasks through one leakguard queue: default retention, metrics on, ${Math.min(MEMORY_BATCH, memoryTasks)} awaited at a time)`,
      `  heap growth after GC: ${heapGrowth} bytes (${mb(heapGrowth)}); target under ${HEAP_TARGET_BYTES / (1024 * 1024)} MB: ${heapGrowth < HEAP_TARGET_BYTES ? 'met' : 'MISSED'}`,
    ],
    json: { suite: 'queue', unit: 'tasks/s', throughput, memory: { tasks: memoryTasks, heap_growth_bytes: heapGrowth } },
  };
}

/** Every contender, leakguard first, anchors last. */
function contenders(tasks: number, registry: () => ResourceRegistry): Contender[] {
  return [
    leakguard('leakguard', tasks, registry, () => withMetrics(METRICS.queueRunTime)),
    leakguard('leakguard-no-metrics', tasks, registry, () => ({ sink: noopSink(), finish: async () => {} })),
    pQueue(tasks),
    fastQueue(tasks),
  ];
}

/**
 * The same timed run for every contender: add all `tasks` up front without awaiting any add,
 * then wait for the queue's own idle signal (onIdle, or fastq's drained). The add promises are
 * kept, and after the run, untimed, awaited and summed: that proves every task settled with
 * its result, without making any contender pay for Promise.all over 200 000 promises.
 */
function trial(name: string, tasks: number, add: (task: Task) => Promise<number>, idle: () => Promise<void>, close: () => Promise<void>): Trial {
  const results: Promise<number>[] = [];
  return {
    run: async () => {
      for (let i = 0; i < tasks; i++) results.push(add(task));
      await idle();
    },
    teardown: async () => {
      const settled = (await Promise.all(results)).reduce((a, b) => a + b, 0);
      if (settled !== tasks) throw new Error(`bench: ${name} settled ${settled} tasks with their result, expected ${tasks}`);
      await close();
    },
  };
}




function leakguard(name: string, tasks: number, registry: () => ResourceRegistry, metrics: () => Metrics): Contender {
  return {
    name,
    async setup(round): Promise<Trial> {
      const { sink, finish } = metrics();
      const queue = createQueue({ name: `bench-${round}-${name}`, concurrency: CONCURRENCY, meter: sink, registry: registry() });
      return trial(
        name,
        tasks,
        (t) => queue.add(t),
        () => queue.onIdle(),
        async () => {
          await finish();
          await queue.close({ timeoutMs: 10_000 });
        },
      );
    },
  };
}

function pQueue(tasks: number): Contender {
  return {
    name: 'p-queue',
    async setup(): Promise<Trial> {
      const queue = new PQueue({ concurrency: CONCURRENCY });
      return trial(
        'p-queue',
        tasks,
        (t) => queue.add(t),
        () => queue.onIdle(),
        async () => queue.clear(),
      );
    },
  };
}

function fastQueue(tasks: number): Contender {
  return {
    name: 'fastq',
    async setup(): Promise<Trial> {
      const queue = fastq.promise((t: Task) => t(), CONCURRENCY);
      return trial(
        'fastq',
        tasks,
        (t) => queue.push(t),
        () => queue.drained(),
        async () => queue.kill(),
      );
    },
  };
}

/**
 * heapUsed once full collections stop freeing anything: objects freed only by finalizers
 * (FinalizationRegistry callbacks run after a collection, on a later turn) take several
 * collections and turns to go, and the throughput rounds before leave plenty of them.
 */
async function settledHeap(gc: () => void): Promise<number> {
  let previous = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (used >= previous) return previous;
    previous = used;
  }
  return previous;
}

/**
 * Pushes `tasks` tasks through one leakguard queue with default retention and metrics on, in
 * awaited batches, and returns how much more heap is in use after than before (both after GC):
 * what the queue keeps of finished work, which retention bounds.
 */
async function measureHeapGrowth(tasks: number, gc: () => void): Promise<number> {
  const registry = new ResourceRegistry({ name: 'bench-registry-memory', meter: noopSink() });
  const metrics = withMetrics(METRICS.queueRunTime);
  const queue = createQueue({ name: 'bench-memory-leakguard', concurrency: CONCURRENCY, meter: metrics.sink, registry });
  try {
    const before = await settledHeap(gc);
    for (let done = 0; done < tasks; done += MEMORY_BATCH) {
      const batch = Math.min(MEMORY_BATCH, tasks - done);
      // The add promises are dropped, so only the queue can keep anything of a task; stats() checks below that all succeeded.
      for (let i = 0; i < batch; i++) void queue.add(task);
      await queue.onIdle();
    }
    const after = await settledHeap(gc);
    const stats = queue.stats();
    if (stats.succeeded !== tasks) throw new Error(`bench: the memory queue ran ${stats.succeeded} tasks successfully, expected ${tasks}`);
    await metrics.finish();
    return after - before;
  } finally {
    await queue.close({ timeoutMs: 10_000 });
    await registry.close({ timeoutMs: 10_000 });
  }
}
