import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { HandleTracker } from '../packages/handles/src/tracker/index.js';
import { trackHandles } from '../packages/handles/src/tracker/index.js';
import type { Contender, Trial } from './support/interleave.js';
import { runCommand } from './support/command.js';
import { interleave } from './support/interleave.js';
import { median } from './support/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from './support/suite.js';

/** Load per trial, at scale 1: short enough that a full run stays under a minute. */
const DURATION_MS = 2000;
/** The shortest trial `--scale` may ask for: below it, process start-up and JIT warm-up are all there is. */
const MIN_DURATION_MS = 100;
/** Keep-alive connections the load generator keeps busy, one request in flight on each. */
const CONNECTIONS = 32;
/** What tracking may cost: `on` is to keep at least this share of `off`'s requests/s. */
const TARGET_RATIO = 0.85;

const LOAD_SCRIPT = fileURLToPath(new URL('./support/httpLoad.mjs', import.meta.url));

/** The `handles` suite: HTTP requests/s a server in this process answers with the handle tracker off and on. */
export const suite: Suite = {
  name: 'handles',
  description: 'req/s of a loopback HTTP server with trackHandles() off and on',
  run: runHandlesSuite,
};

async function runHandlesSuite(options: SuiteOptions): Promise<SuiteResult> {
  const warmupRounds = 1;
  const durationMs = Math.max(MIN_DURATION_MS, Math.round(DURATION_MS * options.scale));
  const description = `GET / -> 200 "ok" on 127.0.0.1, ${CONNECTIONS} keep-alive connections from a second process, ${durationMs} ms per trial`;
  options.progress(`handles/http: ${description}; ${warmupRounds} warm-up + ${options.rounds} rounds`);
  const samples = await interleave(contenders(durationMs), {
    rounds: options.rounds,
    warmupRounds,
    onRound: (round, values) => {
      const parts = [...values].map(([name, v]) => `${name} ${Math.round(v)}`);
      options.progress(`handles/http round ${round + 1}/${options.rounds}: ${parts.join(', ')}`);
    },
  });

  const off = median(samples.get('off') as number[]);
  const on = median(samples.get('on') as number[]);
  // From the unrounded medians, as the table's `vs off` column is, so the two agree.
  const ratio = on / off;
  return {
    suite: 'handles',
    unit: 'req/s',
    higherIsBetter: true,
    anchors: ['off'],
    rounds: options.rounds,
    warmupRounds,
    scenarios: [{ name: 'http', description, samples }],
    notes: [`target on/off >= ${TARGET_RATIO}: ${ratio.toFixed(2)}, ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`],
    json: { suite: 'handles', unit: 'req/s', throughput: { off: Math.round(off), on: Math.round(on) } },
  };
}

/** The server without tracking, then the same server with `trackHandles()` on (its defaults) from before it listens until after it closes. */
function contenders(durationMs: number): Contender[] {
  return [
    { name: 'off', setup: () => trial(durationMs, undefined) },
    { name: 'on', setup: () => trial(durationMs, trackHandles()) },
  ];
}

/**
 * One trial: a fresh server listening on an ephemeral loopback port (untimed), the load run
 * against it (timed by the load generator itself, so process start-up is not counted), then
 * the server closed and, when on, a check that the tracker really saw the connections.
 */
async function trial(durationMs: number, tracker: HandleTracker | undefined): Promise<Trial> {
  const startMark = tracker?.mark() ?? 0;
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let result: LoadResult | undefined;
  return {
    run: async () => {
      result = await load(`http://127.0.0.1:${port}/`, CONNECTIONS, durationMs);
    },
    teardown: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
      if (tracker === undefined) return;
      // Every accepted connection is a TCPWRAP the tracker records; fewer means it was not on.
      const recorded = tracker.mark() - startMark;
      tracker.stop();
      if (recorded < CONNECTIONS) throw new Error(`bench: the tracker recorded ${recorded} handles over ${CONNECTIONS} connections; it was not tracking the server`);
    },
    opsPerSecond: () => {
      if (result === undefined) throw new Error('bench: the load generator gave no result');
      return result.requests / (result.elapsedMs / 1000);
    },
  };
}

interface LoadResult {
  readonly requests: number;
  readonly elapsedMs: number;
}

/** Runs `support/httpLoad.mjs` in a second Node process and returns what it printed. Rejects if it fails. */
async function load(url: string, connections: number, durationMs: number): Promise<LoadResult> {
  const { stdout } = await runCommand('bench: the load generator', { cmd: process.execPath, args: [LOAD_SCRIPT, url, String(connections), String(durationMs)], cwd: process.cwd(), ok: [0] });
  try {
    const parsed = JSON.parse(stdout) as Partial<LoadResult>;
    if (typeof parsed.requests !== 'number' || typeof parsed.elapsedMs !== 'number') throw new Error('missing requests or elapsedMs');
    return { requests: parsed.requests, elapsedMs: parsed.elapsedMs };
  } catch (error) {
    throw new Error(`bench: the load generator printed ${JSON.stringify(stdout)}, not {"requests":N,"elapsedMs":T}`, { cause: error });
  }
}
