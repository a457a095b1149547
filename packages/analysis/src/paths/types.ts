// The contract shared by the path detector and its front ends (the ESLint rule, the scanner).

/** Rule id of the path-portability check, in every front end and report. */
export const NO_HOME_PATH = 'no-home-path';

/** Which way of writing a home directory a match is. */
export type HomePathForm =
  /** `/home/<name>` */
  | 'posix'
  /** `/Users/<name>` */
  | 'macos'
  /** `C:\Users\<name>`, `C:\\Users\\<name>` (escaped), `C:/Users/<name>` */
  | 'windows'
  /** `C:\Documents and Settings\<name>` */
  | 'windows-legacy'
  /** `/mnt/c/Users/<name>` */
  | 'wsl'
  /** `file:///home/<name>`, `file:///Users/<name>`, `file:///C:/Users/<name>` */
  | 'file-url'
  /** A JS/TS string starting with `~/` passed to a Node fs, fs/promises, path or child_process API (code only). */
  | 'tilde'
  /** A form the user added through `HomePathOptions.extraForms`. */
  | 'custom';

export interface HomePathOptions {
  /** More user names that are not reported (added to DEFAULT_ALLOWED_USERS). Compared case-insensitively. */
  readonly allowUsers?: readonly string[];
  /** Regular-expression sources (JavaScript syntax, `u` flag); a match whose whole path (`text` up to `pathEnd`) matches one is not reported. */
  readonly allowPatterns?: readonly string[];
  /**
   * More forms to report: regular-expression sources (JavaScript syntax, `u` flag) with a named
   * group `user`, e.g. `"/var/users/(?<user>[\\w.-]+)"`. Reported with form `custom`.
   */
  readonly extraForms?: readonly string[];
}

/** One home-directory path found in a text. Offsets are UTF-16 code units into the text scanned. */
export interface HomePathMatch {
  readonly form: HomePathForm;
  /** Offset of the match's first character (the `f` of `file://`, the `C` of `C:\`, the `/` of `/home`, the `~` of `~/`). */
  readonly start: number;
  /** Offset just after the user name (for `tilde`: after `~`). */
  readonly end: number;
  /** Offset just after the whole path token the match begins (stops at a quote, whitespace, backtick, `)`, `,`, `;` or the end). */
  readonly pathEnd: number;
  /** The user name as written (`ana`); `''` for `tilde`. */
  readonly user: string;
  /** `text.slice(start, end)`, e.g. `/home/ana`, `C:\\Users\\ana`. */
  readonly text: string;
}

/** A match placed in its file, ready for a report. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface HomePathFinding extends HomePathMatch {
  readonly ruleId: typeof NO_HOME_PATH;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** One sentence naming what was found and what to do. */
  readonly message: string;
}

/**
 * Where a match sits in JS/TS code, as the front end saw it in its own syntax tree. The
 * detector decides with it whether a text match is reported (`isReportedInCode`) and whether a
 * `~/` string counts (`isTildePathCall`).
 */
export interface CodeContext {
  /** What holds the match. `other` = code outside any literal or comment (identifiers etc.). */
  readonly container: 'string' | 'template' | 'comment' | 'regexp' | 'jsx-text' | 'other';
  /** The literal's value as written between its quotes (raw, escapes kept). Undefined for comments and `other`. */
  readonly literal?: string;
  /** When the literal is (directly) an argument of a call or `new`: the callee as written, dotted, e.g. `fetch`, `app.get`, `this.router.post`, `fs.promises.readFile`, `axios.get`. */
  readonly callee?: string;
  /** 0-based position of that argument. */
  readonly argumentIndex?: number;
  /** The module the callee's first identifier was imported or required from, when the front end knows: `node:fs`, `fs/promises`, `express`. */
  readonly calleeModule?: string;
  /** For a named import or a destructured require of the callee's first identifier: the name imported (`readFileSync` for `import { readFileSync as read } from 'fs'`). */
  readonly importedName?: string;
  /** When the literal is the value of an object property or a JSX attribute: its key (`href`, `url`, `path`, `to`). */
  readonly propertyKey?: string;
}
