// The shapes of the disposal engine (rule no-leaked-resource), shared by the ESLint rule and the
// ts-morph scanner. The engine runs on whichever TypeScript module the front end passes in.
import type * as TS from 'typescript';

/** The rule id of the leak finding. */
export const NO_LEAKED_RESOURCE = 'no-leaked-resource';
/** The rule id of the `using` suggestion. */
export const PREFER_USING = 'prefer-using';

/**
 * A resource the user declares: calls of a method (or function) named `acquire` produce a
 * resource released by calling `release` on it (one name or several), e.g.
 * `{ acquire: 'createQueryRunner', release: 'release' }`. With `type`, only when the
 * acquiring call's receiver type (or, for a plain function, the result type) has that name.
 */
export interface ResourcePair {
  readonly acquire: string;
  readonly release: string | readonly string[];
  readonly type?: string;
}

/** Options of the engine (the ESLint rule's options and the config file's `disposal` section). */
export interface DisposalOptions {
  /** More resources, by method name. Default none. */
  readonly resources?: readonly ResourcePair[];
  /** Names of functions/methods whose calls are logging (use, not escape), besides `console.*` and `*.log/info/warn/error/debug/trace/fatal` on a receiver named like a logger. Default none. */
  readonly loggers?: readonly string[];
  /** Report `child_process` handles too. Default false (out of scope by default). */
  readonly childProcesses?: boolean;
}

/** How a leak happens: the path on which the resource is not released. */
export type LeakPath =
  /** A statement that can throw (an awaited call, a call, a property access, a `throw`) with the resource live and no `finally`/catch that releases it. */
  | 'throw'
  /** A `return` (or `break`/`continue` out of the function's reach) that leaves it unreleased. */
  | 'return'
  /** The function's end reached without releasing it. */
  | 'end'
  /** The acquisition's value is dropped on the floor (an expression statement). */
  | 'dropped'
  /** Stored in a field of a class whose close/dispose/stop method does not release it. */
  | 'field';

/** One leak, at the acquisition expression. Positions are 0-based offsets into the source file text. */
export interface DisposalFinding {
  readonly ruleId: typeof NO_LEAKED_RESOURCE;
  /** The acquisition expression (`pool.connect()`, `new pg.Client()`, `setInterval(…)`): where it is reported. */
  readonly start: number;
  readonly end: number;
  /** What is leaked, as the code names it: the variable (`client`), the field (`this.timer`), or the call when the value is dropped. */
  readonly resource: string;
  /** The acquisition as written, shortened (`pool.connect()`, `new Client()`). */
  readonly acquiredBy: string;
  readonly path: LeakPath;
  /** Where the leaking path leaves (the throwing statement, the return, the function's end, the close method): 0-based offset. */
  readonly exitAt: number;
  /**
   * One sentence naming both ends, e.g. `client acquired by pool.connect() at line 12 is not
   * released when the query at line 15 throws` / `… is not released on the early return at line 20`.
   */
  readonly message: string;
}

/** A disposable released in a `finally` that `using`/`await using` could release instead. */
export interface PreferUsingFinding {
  readonly ruleId: typeof PREFER_USING;
  /** The variable declaration list (`const x = …`) to rewrite. */
  readonly start: number;
  readonly end: number;
  /** The variable. */
  readonly name: string;
  /** `await using` when the release is `[Symbol.asyncDispose]()` or awaited, else `using`. */
  readonly keyword: 'using' | 'await using';
  /** The release call in the finally block (offsets), which the suggestion removes. */
  readonly releaseStart: number;
  readonly releaseEnd: number;
  readonly message: string;
}

/**
 * What a whole-project pass knows of functions across files: which return a fresh resource
 * (sources) and which release a parameter on every path (sinks). Built by
 * `summarizeDisposal`, passed to `findLeakedResources`.
 */
export interface DisposalKnowledge {
  /** Declarations (function, method, arrow) whose every return is a fresh, unreleased resource, with how it is released. */
  readonly sources: ReadonlyMap<TS.Node, { readonly release: readonly string[] }>;
  /** Declarations that release their parameter at this index on every path. */
  readonly sinks: ReadonlyMap<TS.Node, ReadonlySet<number>>;
  /** Declarations that only use their parameter at this index (call methods on it, read it, log it): passing a resource there is use, not escape. Optional; absent means unknown. */
  readonly borrowers?: ReadonlyMap<TS.Node, ReadonlySet<number>>;
}
