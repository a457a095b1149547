// The `handles` suite's load generator, run by the bench in a process of its own so that making
// requests does not share an event loop (or an async_hooks hook) with the server being measured.
// Plain .mjs, run by `process.execPath` directly: no tsx start-up, nothing of leakguard loaded.
//
// usage: node httpLoad.mjs <url> <connections> <durationMs>
// Keeps <connections> keep-alive connections busy, one request in flight on each, until
// <durationMs> has passed, then prints {"requests":N,"elapsedMs":T} on stdout and exits.
// A request that fails or answers other than 200 ends the run with exit code 1.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { positionals } = parseArgs({ allowPositionals: true });
const [url, connectionsArg, durationArg] = positionals;
const connections = Number(connectionsArg);
const durationMs = Number(durationArg);
if (url === undefined || !(connections >= 1) || !(durationMs > 0)) {
  process.stderr.write('usage: node httpLoad.mjs <url> <connections> <durationMs>\n');
  process.exit(2);
}
const target = new URL(url);
if (target.hostname !== '127.0.0.1') {
  // Loopback only: this script is a benchmark's load, never pointed at another machine.
  process.stderr.write(`httpLoad: refusing ${url}; only 127.0.0.1 is allowed\n`);
  process.exit(2);
}

// maxSockets = connections: every loop keeps its own connection, reused for each request.
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const options = { host: target.hostname, port: Number(target.port), path: target.pathname, agent };

/** One GET, resolved when its response has been read to the end. */
function request() {
  return new Promise((resolve, reject) => {
    const req = http.get(options, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`httpLoad: ${url} answered ${res.statusCode}`));
        return;
      }
      res.on('end', resolve);
      res.on('error', reject);
      res.resume();
    });
    req.on('error', reject);
  });
}

let requests = 0;
const start = performance.now();
const deadline = start + durationMs;

async function loop() {
  while (performance.now() < deadline) {
    await request();
    requests++;
  }
}

// A stuck server must not keep this process alive: give up well after the deadline.
const watchdog = setTimeout(() => {
  process.stderr.write(`httpLoad: still running ${durationMs + 10_000} ms after start; giving up\n`);
  process.exit(1);
}, durationMs + 10_000);
watchdog.unref();

try {
  await Promise.all(Array.from({ length: connections }, loop));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
const elapsedMs = performance.now() - start;
agent.destroy();
if (process.exitCode !== 1) process.stdout.write(`${JSON.stringify({ requests, elapsedMs })}\n`);
