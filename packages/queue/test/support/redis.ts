import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Sweeper, prometheusSink, silentLogger } from '@leakguard/core';
import type { Logger, PrometheusSink } from '@leakguard/core';
import { Queue, Worker } from 'bullmq';
import type { ConnectionOptions, Processor, QueueOptions, WorkerOptions } from 'bullmq';
import { Registry } from 'prom-client';
import { SERVICES } from '../../../../test/support/services.js';

/** The shared Redis every BullMQ test uses (DESIGN.md, "Services"); never restarted by a test. */
export const SHARED_REDIS = { host: SERVICES.redis.host, port: SERVICES.redis.port } as const;

const RUN = randomBytes(3).toString('hex');
let seq = 0;

/** A queue name no other test (or earlier run) uses, valid as a leakguard name. */
export function uniqueQueueName(prefix: string): string {
  return `lg-${prefix}-${RUN}-${++seq}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`. */
export async function eventually(check: () => unknown, timeoutMs = 5000, everyMs = 20): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await sleep(everyMs);
    }
  }
}

/** A logger that keeps each line as "level: message". */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger: Logger = {
    ...silentLogger,
    info: (m) => void lines.push(`info: ${m}`),
    warn: (m) => void lines.push(`warn: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
  };
  return { logger, lines };
}

/**
 * The value of the sample `name{labels}` in the sink's exposition text (labels matched exactly,
 * in any order); undefined when there is no such sample.
 */
export async function sample(sink: PrometheusSink, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const text = await sink.registry.metrics();
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const got = (match[2] ?? '')
      .split(/,(?=[a-zA-Z_][a-zA-Z0-9_]*=")/)
      .filter((l) => l !== '')
      .sort()
      .join(',');
    if (got === wanted) return Number(match[3]);
  }
  return undefined;
}

/** The leakguard.queue.* samples of one BullMQ queue name. */
export async function queueSamples(sink: PrometheusSink, name: string): Promise<Record<string, number | undefined>> {
  const q = { leakguard_queue_name: name, leakguard_queue_backend: 'bullmq' };
  const depth = (state: string): Promise<number | undefined> => sample(sink, 'leakguard_queue_depth', { ...q, leakguard_queue_state: state });
  const retained = (state: string): Promise<number | undefined> => sample(sink, 'leakguard_queue_retained', { ...q, leakguard_queue_state: state });
  const tasks = (outcome: string): Promise<number | undefined> => sample(sink, 'leakguard_queue_tasks_total', { ...q, leakguard_queue_outcome: outcome });
  return {
    pending: await depth('pending'),
    running: await depth('running'),
    completed: await retained('completed'),
    failed: await retained('failed'),
    success: await tasks('success'),
    failure: await tasks('failure'),
    timeout: await tasks('timeout'),
    cancelled: await tasks('cancelled'),
    runs: await sample(sink, 'leakguard_queue_run_time_seconds_count', q),
    runSeconds: await sample(sink, 'leakguard_queue_run_time_seconds_sum', q),
    waits: await sample(sink, 'leakguard_queue_wait_time_seconds_count', q),
    refreshFailures: await sample(sink, 'leakguard_queue_refresh_failures_total', q),
  };
}

/**
 * One test's BullMQ world: a uniquely named Queue, the Workers the test makes, a private
 * Prometheus registry, Sweeper and capturing logger. Disposing it closes every worker (forcing
 * any still running a job), deletes the queue's keys and closes the queue and the sweeper.
 */
export interface BullFixture extends AsyncDisposable {
  readonly name: string;
  readonly connection: { readonly host: string; readonly port: number };
  readonly queue: Queue;
  readonly sink: PrometheusSink;
  readonly sweeper: Sweeper;
  readonly logger: Logger;
  readonly lines: string[];
  /** A Worker on the fixture's queue; workers get `maxRetriesPerRequest: null`, as BullMQ requires to reconnect. */
  worker(processor: Processor, options?: Partial<WorkerOptions>): Worker;
  samples(name?: string): Promise<Record<string, number | undefined>>;
}

export function bullFixture(prefix: string, options: { port?: number; queue?: Partial<QueueOptions> } = {}): BullFixture {
  const name = uniqueQueueName(prefix);
  const connection = { host: SHARED_REDIS.host, port: options.port ?? SHARED_REDIS.port };
  const queue = new Queue(name, { connection: connection as ConnectionOptions, ...options.queue });
  // A Queue re-emits its connection's errors; unheard, an 'error' event would crash the test run.
  queue.on('error', () => {});
  const sink = prometheusSink({ registry: new Registry() });
  const sweeper = new Sweeper({ name: `${name}-sweeper`, logger: silentLogger, meter: sink });
  const { logger, lines } = captureLogger();
  const workers: Worker[] = [];
  return {
    name,
    connection,
    queue,
    sink,
    sweeper,
    logger,
    lines,
    worker(processor, workerOptions = {}) {
      const worker = new Worker(name, processor, { connection: { ...connection, maxRetriesPerRequest: null }, ...workerOptions });
      worker.on('error', () => {});
      workers.push(worker);
      return worker;
    },
    samples: (n = name) => queueSamples(sink, n),
    async [Symbol.asyncDispose]() {
      await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close().catch(() => undefined);
      sweeper.close();
    },
  };
}

/** A loopback port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/**
 * A redis-server of the test's own, on a free loopback port, persisting every write to an
 * append-only file in a temporary directory (fsync always), so `kill()` then `start()` keeps
 * every acknowledged write: a crash and restart, not a fresh server. Disposing it kills the
 * server and deletes the directory.
 */
export interface PrivateRedis extends AsyncDisposable {
  readonly port: number;
  /** Starts the server (again) on the same port and data directory; resolves when it answers PING. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no final save. */
  kill(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'leakguard-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--daemonize', 'no'];

  const kill = async (): Promise<void> => {
    if (child === undefined) return;
    const c = child;
    child = undefined;
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await exited;
  };

  const start = async (): Promise<void> => {
    if (child !== undefined) throw new Error(`private redis on port ${port} is already running`);
    const c = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = c;
    let stderr = '';
    c.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    const failed = new Promise<never>((_, reject) => {
      c.once('error', (error) =>
        reject(new Error(`could not start redis-server (${error.message}); this test needs the redis-server binary on PATH (Debian: apt-get install redis-server)`, { cause: error })),
      );
      c.once('exit', (code, signal) => reject(new Error(`redis-server on port ${port} exited (${signal ?? code}) before answering PING: ${stderr.trim()}`)));
    });
    failed.catch(() => undefined);
    await Promise.race([failed, untilPong(port, 10_000)]);
  };

  await start();
  return {
    port,
    start,
    kill,
    async [Symbol.asyncDispose]() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Connections the server on `port` has open now, not counting the redis-cli that asks. */
export async function connectedClients(port: number): Promise<number> {
  const { stdout } = await promisify(execFile)('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'client', 'list']);
  return stdout.split('\n').filter((line) => line.startsWith('id=') && !line.includes(' cmd=client|list')).length;
}

/** Resolves when the server on `port` answers PING with PONG (not -LOADING while it replays its AOF). */
async function untilPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer yet';
  while (performance.now() < deadline) {
    try {
      const reply = await ping(port);
      if (reply.startsWith('+PONG')) return;
      last = reply.trim();
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(25);
  }
  throw new Error(`redis-server on 127.0.0.1:${port} did not answer PING within ${timeoutMs} ms (${last})`);
}

function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(1000, () => {
      socket.destroy();
      reject(new Error('PING timed out'));
    });
    socket.once('error', reject);
    socket.once('data', (data) => {
      socket.end();
      resolve(data.toString());
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}
