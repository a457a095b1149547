// One-shot timers, an unref()'d interval in a class with no close/stop, calls that return their
// receiver, child processes, and module top-level resources: none of them is reported.
import { spawn } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';

export const sharedPool = new pg.Pool({ max: 4 });
const heartbeat = setInterval(() => undefined, 30_000);
heartbeat.unref();

export function debounce(fn: () => void, ms: number): () => void {
  let pending: NodeJS.Timeout | undefined;
  return () => {
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(fn, ms);
  };
}

export function retryLater(task: () => void): void {
  setTimeout(task, 1_000);
  setImmediate(task);
  const watchdog = setTimeout(task, 50);
  watchdog.unref();
}

export class StatsReporter {
  start(report: () => void): void {
    setInterval(report, 60_000).unref();
  }
}

export function serve(handler: http.RequestListener, port: number): http.Server {
  const server = http.createServer(handler);
  return server.listen(port);
}

export function compactInBackground(repo: string): void {
  const child = spawn('git', ['gc', '--auto'], { cwd: repo, detached: true, stdio: 'ignore' });
  child.unref();
}
