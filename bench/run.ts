import { parseArgs } from 'node:util';
import { toJson, toTable } from './support/report.js';
import type { Suite } from './support/suite.js';

/** Every suite by name, sorted; each loads `bench/<name>.ts` only when asked for. */
const SUITES: Readonly<Record<string, () => Promise<{ suite: Suite }>>> = {
  breaker: () => import('./breaker.js'),
  disposal: () => import('./disposal.js'),
  handles: () => import('./handles.js'),
  paths: () => import('./paths.js'),
  pool: () => import('./pool.js'),
  queue: () => import('./queue.js'),
};

const USAGE = `usage: npm run bench -- <suite> [--json] [--rounds N] [--scale F]

  <suite>       one of: ${Object.keys(SUITES).join(', ')}
  --json        print one JSON object on stdout (progress still goes to stderr)
  --rounds N    timed rounds per scenario, median reported (default 5)
  --scale F     multiply every scenario's operation count by F (default 1; 0.01 for a smoke run)`;

/** A command-line mistake: printed with the usage, exit code 2. */
class UsageError extends Error {}

interface Command {
  readonly suite: string;
  readonly json: boolean;
  readonly rounds: number;
  readonly scale: number;
}

function parseCommand(argv: readonly string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        rounds: { type: 'string', default: '5' },
        scale: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(`expected one suite name, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  const suite = positionals[0] as string;
  if (!Object.hasOwn(SUITES, suite)) throw new UsageError(`unknown suite ${JSON.stringify(suite)}; available suites: ${Object.keys(SUITES).join(', ')}`);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError(`--rounds must be a positive integer, got ${JSON.stringify(values.rounds)}`);
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0) throw new UsageError(`--scale must be a positive number, got ${JSON.stringify(values.scale)}`);
  return { suite, json: values.json, rounds, scale };
}

async function main(argv: readonly string[]): Promise<number> {
  let command: Command | 'help';
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { suite } = await (SUITES[command.suite] as () => Promise<{ suite: Suite }>)();
  const result = await suite.run({
    rounds: command.rounds,
    scale: command.scale,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  // --json: stdout carries the one object and nothing else, so it can be piped to jq or a file.
  process.stdout.write(command.json ? `${JSON.stringify(toJson(result))}\n` : `\n${toTable(result)}\n`);
  return 0;
}

// exitCode rather than process.exit(): a piped stdout is flushed before the process ends.
process.exitCode = await main(process.argv.slice(2));
