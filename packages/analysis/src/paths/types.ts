// The contract shared by the path detector and its front ends (the ESLint rule, the scanner).

/** Rule id of the path-portability check, in every front end and report. */
export const NO_HOME_PATH = 'no-home-path';

/** Which way of writing a home directory a match is. */
export type HomePathForm =
  /** `/home/<name>` (also JSON-escaped, `\/home\/<name>`) */
  | 'posix'
  /** `/Users/<name>` (capital U; also `\/Users\/<name>`) */
  | 'macos'
  /** `C:\Users\<name>`, `C:\\Users\\<name>` (escaped), `C:/Users/<name>`; any drive letter, `Users`/`users`/`USERS` */
  | 'windows'
  /** `C:\Documents and Settings\<name>`, with the same separators as `windows` */
  | 'windows-legacy'
  /** `/mnt/c/Users/<name>` */
  | 'wsl'
  /** `file:///home/<name>`, `file:///Users/<name>`, `file:///C:/Users/<name>` (also `file://localhost/...`, `file:/home/...`, `file:///c%3A/...`) */
  | 'file-url'
  /** A JS/TS string starting with `~/` passed to a Node fs, fs/promises, path or child_process API (code only). */
  | 'tilde'
  /** A form the user added through `HomePathOptions.extraForms`. */
  | 'custom';

/**
 * Options of the detector, the same in every front end (the ESLint rule's options, the scanner's
 * configuration). All default to none; see validateHomePathOptions for how they are checked.
 */
export interface HomePathOptions {
  /** More user names that are not reported (added to DEFAULT_ALLOWED_USERS). Compared case-insensitively. Default: none. */
  readonly allowUsers?: readonly string[];
  /**
   * Regular-expression sources (JavaScript syntax, `u` flag); a match whose whole path (the
   * scanned text from `start` to `pathEnd`) matches one is not reported. Tested like
   * `RegExp.test`, unanchored: write `^` and `$` to anchor. Default: none.
   */
  readonly allowPatterns?: readonly string[];
  /**
   * More forms to report: regular-expression sources (JavaScript syntax, `u` flag) with a named
   * group `user`, e.g. `"/var/users/(?<user>[\\w.-]+)"`. Reported with form `custom`; `start` is
   * where the expression matched, `end` the end of the `user` group. The allowed users,
   * placeholders, shared folders and allowPatterns apply; the built-in path-start and URL checks
   * do not (the expression decides). Default: none.
   */
  readonly extraForms?: readonly string[];
}

/** One home-directory path found in a text. Offsets are UTF-16 code units into the text scanned. */
export interface HomePathMatch {
  readonly form: HomePathForm;
  /** Offset of the match's first character (the `f` of `file://`, the `C` of `C:\`, the `/` of `/home` or the `\` of an escaped `\/home`, the `~` of `~/`). */
  readonly start: number;
  /** Offset just after the user name (for `tilde`: after `~`). */
  readonly end: number;
  /**
   * Offset just after the whole path token the match begins: stops at a quote, whitespace,
   * backtick, `)`, `,`, `;`, `:`, `]`, `}`, `<`, `>`, `|`, an escaped quote, or the end; at `\`
   * too except in Windows forms (where it separates folders) and before `/` (`\/`); at `?` and `#`
   * in file URLs. A sentence's final `.` is left out. In scanSource, never past its literal or comment.
   */
  readonly pathEnd: number;
  /** The user name as written (`ana`, `Jos%C3%A9` in a file URL; a sentence's final `.` left out); `''` for `tilde`. */
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
  /**
   * When the literal is (directly) an argument of a call or `new`: the callee as written, dotted,
   * e.g. `fetch`, `app.get`, `this.router.post`, `fs.promises.readFile`, `axios.get`,
   * `require('fs').readFileSync`. scanSource also sees through parentheses, type assertions,
   * `a ? b : c`, `a ?? b`, `a || b`, either operand of `+` and array literals
   * (`navigate(['/home', id])` gives callee `navigate`, argumentIndex 0; `fetch(API + '/home/x')`
   * gives `fetch`, with `rightOfPlus`).
   */
  readonly callee?: string;
  /** 0-based position of that argument. */
  readonly argumentIndex?: number;
  /** The module the callee's first identifier was imported or required from, when the front end knows: `node:fs`, `fs/promises`, `express`. */
  readonly calleeModule?: string;
  /** For a named import or a destructured require of the callee's first identifier: the name imported (`readFileSync` for `import { readFileSync as read } from 'fs'`). */
  readonly importedName?: string;
  /**
   * True when, on the way up to the call or property, the literal was the right operand of a `+`
   * (`base + '/home/feed'`): its value does not start the argument, so a `~/` in it is no path
   * start. Absent otherwise.
   */
  readonly rightOfPlus?: boolean;
  /** When the literal is the value of an object property, a JSX attribute or an assignment `obj.key = value`: its key (`href`, `url`, `path`, `to`). */
  readonly propertyKey?: string;
  /** What `propertyKey` belongs to: an object literal, a JSX element's attributes, or the target of an assignment. */
  readonly propertyOwner?: 'object' | 'jsx' | 'assignment';
  /**
   * The other keys of that object literal, or the other attribute names of that JSX element, in
   * source order (static names only; spreads and computed keys left out); `[]` when there are
   * none. Undefined for an assignment. A `path` beside `component` or `handler` is a route, a
   * `path` beside `filename` is not.
   */
  readonly siblingKeys?: readonly string[];
  /**
   * When that object literal is itself (directly, through the same wrappers as `callee`) an
   * argument of a call or `new`: that call, described as the fields above describe the
   * literal's own call (`http.request({ path })`, `router.push({ path })`).
   */
  readonly objectCall?: ObjectCall;
}

/** The call an object literal is an argument of (see CodeContext.objectCall). */
export interface ObjectCall {
  readonly callee: string;
  readonly argumentIndex: number;
  readonly calleeModule?: string;
  readonly importedName?: string;
}
