// PLACEHOLDER implementation (to be replaced): the API is the contract, the body is naive.
import type { HomePathFinding, HomePathMatch, HomePathOptions } from './types.js';
import { NO_HOME_PATH } from './types.js';

/** CI and container accounts that are never reported (matched per occurrence). */
export const DEFAULT_ALLOWED_USERS: readonly string[] = ['runner', 'runneradmin', 'circleci', 'travis', 'vsts', 'node', 'vscode', 'codespace', 'gitpod', 'jenkins', 'build'];

const NAIVE = /(?<![\w/])\/(?:home|Users)\/(?<user>[A-Za-z0-9._-]+)/gu;

/**
 * Every home-directory path in `text` (any text file: source, JSON, YAML, Markdown, shell ...),
 * in order of `start`. Text mode: no `tilde` matches, no code context; URL paths inside http(s)
 * URLs are already left out.
 */
export function findHomePaths(text: string, options: HomePathOptions = {}): HomePathMatch[] {
  const allowed = new Set([...DEFAULT_ALLOWED_USERS, ...(options.allowUsers ?? [])].map((u) => u.toLowerCase()));
  const out: HomePathMatch[] = [];
  for (const m of text.matchAll(NAIVE)) {
    const user = m.groups?.user ?? '';
    if (allowed.has(user.toLowerCase())) continue;
    const start = m.index;
    const end = start + m[0].length;
    let pathEnd = end;
    while (pathEnd < text.length && !/[\s'"`),;]/u.test(text[pathEnd] as string)) pathEnd++;
    out.push({ form: m[0].startsWith('/home') ? 'posix' : 'macos', start, end, pathEnd, user, text: m[0] });
  }
  return out;
}

/**
 * A cheap first look at raw bytes or text: false only when `findHomePaths` (default forms)
 * cannot find anything, so a scanner may skip decoding and parsing the file. Always true when
 * `options.extraForms` is non-empty.
 */
export function mayContainHomePath(content: string | Uint8Array, options: HomePathOptions = {}): boolean {
  if ((options.extraForms?.length ?? 0) > 0) return true;
  const text = typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  return text.includes('/home/') || text.includes('/Users/') || text.includes('\\Users\\') || text.includes('Documents and Settings');
}

/** The sentence a report shows for a match. */
export function homePathMessage(match: HomePathMatch): string {
  if (match.form === 'tilde') return `"~/" is not expanded by Node.js; use path.join(os.homedir(), ...) instead`;
  return `hard-coded home directory of user "${match.user}" (${match.text}); use os.homedir(), a configured path or a path relative to the project`;
}

/** Places matches in `text` (1-based lines and columns, `\n`, `\r\n` and `\r` line ends) with their message. */
export function toFindings(text: string, matches: readonly HomePathMatch[]): HomePathFinding[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  const locate = (offset: number): [number, number] => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - (lineStarts[lo] as number) + 1];
  };
  return matches.map((m) => {
    const [line, column] = locate(m.start);
    const [endLine, endColumn] = locate(m.end);
    return { ...m, ruleId: NO_HOME_PATH, line, column, endLine, endColumn, message: homePathMessage(m) };
  });
}
