import { isPlaceholderUser, isSharedHomeFolder } from './excludedUsers.js';
import { isAllowedPath, pathEndOf, scanBuiltInForms } from './homePathPattern.js';
import { mayContainBuiltInForm } from './mayContainHomePath.js';
import type { CompiledHomePathOptions } from './options.js';
import { compileHomePathOptions } from './options.js';
import type { HomePathMatch, HomePathOptions } from './types.js';

/**
 * Every home-directory path in `text` (any text file: source, JSON, YAML, Markdown, shell ...),
 * in order of `start`. Text mode: no `tilde` matches and no syntax tree, so of the route strings
 * in source only those opening a router or HTTP-client call on their line are left out here;
 * `scanSource` and the ESLint rule add the code context. Left out: CI and
 * container accounts (DEFAULT_ALLOWED_USERS plus `options.allowUsers`), placeholders (`<user>`,
 * `$USER`, `yourname` ...), shared folders (`Public`, `Shared` ...), URL paths inside
 * `scheme://host` URLs, paths that do not start there (`/data/home/ana`) and file names in the
 * users folder (`/home/feed.html`). Offsets are UTF-16 code units. Throws when `options` are
 * invalid (see validateHomePathOptions); options are compiled once per options object.
 */
export function findHomePaths(text: string, options: HomePathOptions = {}): HomePathMatch[] {
  const compiled = compileHomePathOptions(options);
  const out: HomePathMatch[] = [];
  // Most files have none of the needles: one cheap expression instead of the forms' own.
  if (mayContainBuiltInForm(text)) scanBuiltInForms(text, compiled, out);
  if (compiled.extraForms.length > 0) {
    scanExtraForms(text, compiled, out);
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

/** `options.extraForms`, reported as `custom`; a built-in match at the same offset wins. */
function scanExtraForms(text: string, options: CompiledHomePathOptions, out: HomePathMatch[]): void {
  const taken = new Set(out.map((m) => m.start));
  for (const form of options.extraForms) {
    form.lastIndex = 0;
    for (let m = form.exec(text); m !== null; m = form.exec(text)) {
      if (m[0].length === 0) form.lastIndex++;
      const user = m.groups?.user;
      const span = m.indices?.groups?.user;
      if (user === undefined || span === undefined || user === '' || taken.has(m.index)) continue;
      const lower = user.toLowerCase();
      if (options.allowedUsers.has(lower) || isPlaceholderUser(user) || isSharedHomeFolder(user)) continue;
      const start = m.index;
      const end = span[1];
      const pathEnd = pathEndOf(text, 'custom', end);
      if (isAllowedPath(options, text.slice(start, pathEnd))) continue;
      taken.add(start);
      out.push({ form: 'custom', start, end, pathEnd, user, text: text.slice(start, end) });
    }
  }
}
