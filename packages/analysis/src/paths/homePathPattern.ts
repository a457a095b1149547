// The built-in forms as one regular expression, and the checks a regular expression cannot do
// cheaply (what follows the name, placeholders, URLs), run only on its candidates.
import { isPlaceholderUser, isSharedHomeFolder } from './excludedUsers.js';
import type { CompiledHomePathOptions } from './options.js';
import type { HomePathForm, HomePathMatch } from './types.js';
import { calleeParts } from './callee.js';
import { isRouteArgument } from './routeCalls.js';
import { UrlContext } from './urlContext.js';

// A user name as the policy defines it (letters, digits, `.`, `_`, `-`; any script, so `José`),
// taken greedily: what follows it is checked in code, so the engine never backtracks into it.
const NAME = String.raw`[\p{L}\p{M}\p{N}._\-]+`;
// Windows also shows 8.3 short names in temp paths: C:\Users\ANAMAR~1\AppData\Local\Temp.
const WIN_NAME = String.raw`[\p{L}\p{M}\p{N}._\-]+(?:~\d+)?`;
// In a file URL a name may be percent-encoded (`Jos%C3%A9`, `Ana%20Maria`).
const URL_NAME = String.raw`(?:[\p{L}\p{M}\p{N}._\-]|%[0-9A-Fa-f]{2})+`;
// Windows is case-insensitive; these are the spellings real files use. mayContainHomePath
// derives its needles from the same lists, so the two cannot drift apart.
/** The spellings of the Windows users folder the forms accept. */
export const USERS_SPELLINGS = ['Users', 'users', 'USERS'] as const;
/** The spellings of the pre-Vista profile folder the forms accept. */
export const LEGACY_SPELLINGS = ['Documents and Settings', 'documents and settings', 'DOCUMENTS AND SETTINGS'] as const;
/** LEGACY_SPELLINGS as written in text, and with `%20` for the spaces as file URLs write them. */
export const LEGACY_URL_SPELLINGS: readonly string[] = LEGACY_SPELLINGS.flatMap((s) => [s, s.replaceAll(' ', '%20')]);
const USERS = `(?:${USERS_SPELLINGS.join('|')})`;
const LEGACY = `(?:${LEGACY_SPELLINGS.join('|')})`;
const URL_LEGACY = `(?:${LEGACY_URL_SPELLINGS.join('|')})`;
// `\`, `\\` (escaped in JSON or JS source), `\\\\` (escaped twice) or `/`.
const WIN_SEP = String.raw`(?:\\{1,4}|\/)`;
// A drive letter, `:` or its URL encoding `%3A` (VS Code writes file:///c%3A/Users/...).
const URL_DRIVE = String.raw`[A-Za-z](?::|%3[Aa])`;

// Every alternative begins with a rare character (`f` of file:, `/`, `\\`, the `:` after a drive
// letter), so the engine rejects most positions at their first character. The checks on the
// character before a match (lookbehinds would run at every position) are done in code.
const FILE_URL = [
  String.raw`(?:file|FILE|File):`,
  String.raw`(?:\/\/localhost\/|\/\/\/|\/\/(?=${URL_DRIVE}\/)|\/(?!\/))`,
  String.raw`(?:home|Users|mnt\/[A-Za-z]\/${USERS}|${URL_DRIVE}\/(?:${USERS}|${URL_LEGACY}))\/(?<fu>${URL_NAME})`,
].join('');
// `/` or, escaped as JSON may write it, `\/` (the `\k<pe>` repeats whichever opened the path).
const UNIX = String.raw`(?<pe>\\)?\/(?:mnt\k<pe>\/[A-Za-z]\k<pe>\/${USERS}\k<pe>\/(?<wu>${NAME})|(?<pk>home|Users)\k<pe>\/(?<pu>${NAME}))`;
// Matched from the `:`: the drive letter is checked by a lookbehind that runs only at colons.
const WINDOWS = String.raw`(?<=[A-Za-z]):${WIN_SEP}(?:${USERS}|(?<leg>${LEGACY}))${WIN_SEP}(?<wn>${WIN_NAME})`;

/** One pass finds every candidate of every built-in form; file URLs first, so `file:///home/x` is one match. */
export const BUILT_IN_FORMS = new RegExp(`${FILE_URL}|${UNIX}|${WINDOWS}`, 'gu');

// `/home` starts a path only when the character before it cannot be part of a path: not a
// letter, digit, `.`, `_`, `-`, `~`, `/`, `\`, `@`, `$`, `%`, `*`, `+`, nor the `}` or `)` that
// closes `${root}` or `$(pwd)`. So `/data/home/ana`, `./home/ana`, `~/home/ana`, `//host/home`,
// `https://host/home/ana` and `${prefix}/home/ana` are not home directories.
const PATH_CHAR = /[\p{L}\p{M}\p{N}_.~/\\@$%*+})-]/u;
// Before the escaped `\/home`, a `/` is fine: it opens a regular-expression literal (`/\/home\/ana/`).
const ESCAPED_PATH_CHAR = /[\p{L}\p{M}\p{N}_.~\\@$%*+})-]/u;
// An ANSI colour (SGR) escape right before a path: the ESC character itself (`ESC[32m/home/ana`
// in a log) or as source and shell scripts spell it (`\x1b[32m`, `\u001b[1;31m`, `\033[0m`, `\e[2m`).
// eslint-disable-next-line no-control-regex -- the ESC character is what this looks for
const ANSI_COLOUR_BEFORE = /(?:\u001b|\\(?:x1[bB]|u001[bB]|u\{1[bB]\}|033|e))\[[\d;]*m$/u;
// An escape as written in source (`"a\n/home/ana"`) does not hide a path start.
const ESCAPE = /\\[nrt]$/u;
const DRIVE_BEFORE = /[\p{L}\p{M}\p{N}_]/u;
const SCHEME_CHAR = /[\p{L}\p{N}_+.-]/u;
// `git+file:`, `svn+file:`: a scheme that names its transport before `+file:` is still a file URL.
const TRANSPORT_PLUS = /(?:^|[^\p{L}\p{N}_+.-])[A-Za-z][A-Za-z0-9.-]*\+$/u;

// What may follow a user name: the end of its folder. Anything else (`/home/ana+x`, `/home/ana=`)
// means the name is only the start of a longer word. Trailing dots end a sentence (`in /home/ana.`).
const NAME_END = /[\s/\\'"`),;:\]}<>|&?#!*$]/u;
// `/home/feed.html`, `C:\Users\desktop.ini`: a file directly in the users folder, not a home.
const FILE_NAME =
  /\.(?:html?|xhtml|php|aspx?|jsp|cgi|[cm]?[jt]sx?|json5?|md|mdx|txt|css|s[ac]ss|less|png|jpe?g|gif|svg|ico|webp|avif|bmp|xml|ya?ml|toml|ini|cfg|conf|sh|bash|zsh|ps1|bat|cmd|py|rb|go|rs|java|c|h|cpp|pdf|zip|gz|tgz|tar|7z|rar|log|csv|tsv|sql|db|sqlite|lock|env|map|wasm|vue|svelte|exe|dll|msi|dmg|pkg|deb|rpm|iso|bak|tmp|old|swp|lnk|url|plist|dat)$/iu;
// `C:\Users\All Users` is a folder, not the user `All`.
const ALL_USERS = /^(?: |%20)(?:Users|users|USERS)/u;
// A name ending in `-`, `_` or `.` right before `$` runs on into an expression or variable
// (`/home/ana-${id}`, `/home/ana_$USER`): the real name is not known.
const JOINER_END = /[-_.]$/u;
// Characters that end the path token a match begins (pathEnd). Windows forms use `\` as the
// separator; elsewhere `\` ends the token unless it escapes a `/` (`\n` in a JS string is not path).
const WINDOWS_REST = /(?:[^\s'"`),;:\]}<>|\\]|\\(?!['"`]))*/uy;
const UNIX_REST = /(?:[^\s'"`),;:\]}<>|\\]|\\\/)*/uy;
const URL_REST = /(?:[^\s'"`),;:\]}<>|\\?#]|\\\/)*/uy;
// The rest of a word after `*` opened it, for telling emphasis from globs.
const EMPHASIS_TOKEN = /[^\s'"`<>()]*/uy;
// `GET /home/feed 200 12ms` (access logs, HTTP docs, .http files): a request line names a URL path.
const HTTP_METHOD_BEFORE = /(?:^|[^\w-])(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) $/u;
// A call right before the quote that opens the path, in whatever language: `@app.route("`
// (Flask), `router.get('` (in a Markdown code block), `fetch("`. Its callee is judged by the
// same route table as JS/TS code context (isRouteArgument), as the call's first argument.
const CALL_BEFORE_QUOTE = /(?:^|[^\w$.])@?((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)\(\s*$/u;
/** How far before the quote a call's callee is looked for. */
const CALL_LOOKBACK = 160;

/**
 * Appends every built-in-form match of `text` to `out`, in order of `start`, after the per-match
 * checks (path start, name end, placeholders, shared folders, allowed users, URLs, HTTP request
 * lines, allowPatterns).
 */
export function scanBuiltInForms(text: string, options: CompiledHomePathOptions, out: HomePathMatch[]): void {
  const re = BUILT_IN_FORMS;
  re.lastIndex = 0;
  const urls = new UrlContext(text);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const g = m.groups ?? {};
    let form: HomePathForm;
    let raw: string | undefined;
    let start = m.index;
    if (g.fu !== undefined) [form, raw] = ['file-url', g.fu];
    else if (g.wu !== undefined) [form, raw] = ['wsl', g.wu];
    else if (g.pu !== undefined) [form, raw] = [g.pk === 'home' ? 'posix' : 'macos', g.pu];
    else [form, raw, start] = [g.leg !== undefined ? 'windows-legacy' : 'windows', g.wn, m.index - 1];
    if (raw === undefined) continue;
    if (!startsPath(text, form, start, g.pe !== undefined, urls)) {
      // Not a start (`/data/home/ana`): look again from the next character, in case a path
      // starts inside this candidate.
      re.lastIndex = m.index + 1;
      continue;
    }
    const nameStart = m.index + m[0].length - raw.length;
    const user = userName(text, form, nameStart, raw);
    if (user === undefined) continue;
    const plain = form === 'file-url' ? percentDecoded(user) : user;
    if (options.allowedUsers.has(plain.toLowerCase()) || options.allowedUsers.has(shortNameBase(plain).toLowerCase())) continue;
    if (form !== 'file-url' && urls.insideWebUrl(start)) continue;
    if ((form === 'posix' || form === 'macos') && (HTTP_METHOD_BEFORE.test(text.slice(Math.max(0, start - 9), start)) || isRouteLiteral(text, start))) continue;
    const end = nameStart + user.length;
    let pathEnd = pathEndOf(text, form, end);
    // The closing `**` of Markdown emphasis is not part of the path.
    if (text[start - 1] === '*') while (pathEnd > end && text[pathEnd - 1] === '*') pathEnd--;
    if (isAllowedPath(options, text.slice(start, pathEnd))) continue;
    out.push({ form, start, end, pathEnd, user, text: text.slice(start, end) });
  }
}

/** Whether the path at `start` opens a quoted first argument of a router or HTTP-client call (see CALL_BEFORE_QUOTE). */
function isRouteLiteral(text: string, start: number): boolean {
  const quote = text[start - 1];
  if (quote !== '"' && quote !== "'" && quote !== '`') return false;
  const lineStart = text.lastIndexOf('\n', start - 2) + 1;
  const call = CALL_BEFORE_QUOTE.exec(text.slice(Math.max(lineStart, start - 1 - CALL_LOOKBACK), start - 1));
  const parts = call === null ? undefined : calleeParts({ container: 'string', callee: call[1] });
  return parts !== undefined && isRouteArgument(parts, undefined, 0);
}

/**
 * Whether the candidate at `start` begins a path, judged by the character before it; also right
 * after the authority of a non-web URL (`unix:///Users/<name>`, `sqlite:////home/<name>`).
 */
function startsPath(text: string, form: HomePathForm, start: number, escaped: boolean, urls: UrlContext): boolean {
  const before = text[start - 1];
  if (before === undefined) return true;
  // A terminal colour code ends in a letter but does not run on into the path (coloured logs).
  if (before === 'm' && ANSI_COLOUR_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return true;
  switch (form) {
    case 'file-url':
      return !SCHEME_CHAR.test(before) || (before === '+' && TRANSPORT_PLUS.test(text.slice(Math.max(0, start - 32), start)));
    case 'windows':
    case 'windows-legacy':
      return !DRIVE_BEFORE.test(before);
    default:
      if (escaped) return !ESCAPED_PATH_CHAR.test(before);
      if (before === '*') return isCommentOpener(text, start) || isEmphasised(text, start);
      if (!PATH_CHAR.test(before) || ESCAPE.test(text.slice(Math.max(0, start - 2), start))) return true;
      return urls.beginsUrlPath(start);
  }
}

// `/*/home/ana*/`: a block comment opened right before the path, not a glob segment (`src/*/home`).
function isCommentOpener(text: string, start: number): boolean {
  if (text[start - 2] !== '/') return false;
  const beforeOpener = text[start - 3];
  return beforeOpener === undefined || !PATH_CHAR.test(beforeOpener);
}

// Markdown emphasis around a path (two asterisks, then /home/ana/data, then two asterisks) is
// not a glob (two asterisks, then /home/ana/, then two asterisks): emphasis opens after a space
// or the start of a line and closes with `*` right after a character that is not a slash.
function isEmphasised(text: string, start: number): boolean {
  const open = /(?:^|[\s(>])\*{1,2}$/u.test(text.slice(Math.max(0, start - 3), start));
  if (!open) return false;
  const tokenEnd = EMPHASIS_TOKEN;
  tokenEnd.lastIndex = start;
  const token = tokenEnd.exec(text)?.[0] ?? '';
  return /[^/*]\*{1,2}[.,;:!?]*$/u.test(token);
}

/**
 * The user name at `nameStart` (as written, trailing dots dropped), or undefined when the
 * candidate is not a home directory: followed by a character that continues a word, a
 * placeholder, a shared folder, a file name, or not a plausible name (must start with a letter,
 * digit or `_` and contain a letter: `/home/.cache`, `/home/1000` are not users).
 */
function userName(text: string, form: HomePathForm, nameStart: number, raw: string): string | undefined {
  const after = nameStart + raw.length;
  const next = text[after];
  if (next !== undefined && !NAME_END.test(next)) return undefined;
  if (next === '$' && JOINER_END.test(raw)) return undefined;
  const name = raw.replace(/\.+$/u, '');
  // A file URL may percent-encode the name (`All%20Users`, `Jos%C3%A9`): judge it decoded.
  const plain = form === 'file-url' ? percentDecoded(name) : name;
  if (!/^[\p{L}\p{N}_]/u.test(plain) || !/\p{L}/u.test(plain)) return undefined;
  const base = shortNameBase(plain);
  if (isPlaceholderUser(base) || isSharedHomeFolder(base)) return undefined;
  if (next !== '/' && next !== '\\' && FILE_NAME.test(name)) return undefined;
  if (name.toLowerCase() === 'all' && (form === 'windows' || form === 'windows-legacy' || form === 'wsl' || form === 'file-url')) {
    if (ALL_USERS.test(text.slice(after, after + 9))) return undefined;
  }
  return name;
}

/** `RUNNER~1` → `RUNNER`: the 8.3 short name of a profile starts with its long name. */
function shortNameBase(name: string): string {
  return name.replace(/~\d+$/u, '');
}

/** `name` with its `%XX` escapes decoded; as written when they are not valid UTF-8. */
function percentDecoded(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Offset just after the path token that starts at the match and continues after `end`. */
export function pathEndOf(text: string, form: HomePathForm, end: number): number {
  const rest = form === 'windows' || form === 'windows-legacy' ? WINDOWS_REST : form === 'file-url' ? URL_REST : UNIX_REST;
  rest.lastIndex = end;
  rest.exec(text);
  let pathEnd = rest.lastIndex === 0 ? end : rest.lastIndex;
  // A sentence's full stop is not part of the path: `see /home/ana/notes.`
  const next = text[pathEnd];
  if (next === undefined || /\s/u.test(next)) while (pathEnd > end && text[pathEnd - 1] === '.') pathEnd--;
  return pathEnd;
}

/** Whether one of allowPatterns matches the whole path (`text` up to `pathEnd`). */
export function isAllowedPath(options: CompiledHomePathOptions, path: string): boolean {
  return options.allowPatterns.some((pattern) => pattern.test(path));
}
