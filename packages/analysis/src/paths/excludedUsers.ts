// Which names after /home/, /Users/ or C:\Users\ are not a person: CI accounts, placeholders and
// the folders every machine has. Each occurrence is judged on its own name, never per file.

/**
 * CI and container accounts that are never reported (matched per occurrence, case-insensitively):
 * GitHub Actions (`runner`, `runneradmin`), CircleCI, Travis, Azure Pipelines (`vsts`), the
 * official Node.js image (`node`), dev containers (`vscode`, `codespace`, `gitpod`), Jenkins and
 * `build`. `HomePathOptions.allowUsers` adds to this list.
 */
export const DEFAULT_ALLOWED_USERS: readonly string[] = ['runner', 'runneradmin', 'circleci', 'travis', 'vsts', 'node', 'vscode', 'codespace', 'gitpod', 'jenkins', 'build'];

/**
 * Folders under a users directory that belong to no person, never reported (case-insensitive):
 * Windows `Public`, `Default`, `Default User`, `All Users` (and `Default.migrated`,
 * `defaultuser0`, the service profiles `LocalService`/`NetworkService`, the sandbox account
 * `WDAGUtilityAccount`), macOS `Shared` and `Guest`, and `linuxbrew` (`/home/linuxbrew/.linuxbrew`
 * is Homebrew's fixed prefix on Linux, the same on every machine).
 */
export const SHARED_HOME_FOLDERS: readonly string[] = [
  'public',
  'default',
  'default user',
  'default.migrated',
  'defaultuser0',
  'all users',
  'localservice',
  'networkservice',
  'wdagutilityaccount',
  'shared',
  'guest',
  'linuxbrew',
];

const SHARED = new Set(SHARED_HOME_FOLDERS);

// Words people write instead of a name: user, username, USER_NAME, your-name, YourUserName, me,
// example-user, xxx, someone ... `<user>`, `{user}`, `$USER`, `%USERNAME%`, `*` and `...` never
// get here: a name must start with a letter, digit or underscore.
const PLACEHOLDER =
  /^(?:user(?:[-_.]?name)?\d*|usr|you|yours?elf|me|myself|name|(?:your|my)(?:[-_.]?user)?(?:[-_.]?name)?|example(?:[-_.]?user(?:[-_.]?name)?)?|x{3,}|some(?:one|body|[-_.]?user)|placeholder|changeme)$/iu;

/**
 * Whether `name` is a placeholder rather than a person (case-insensitive): `user`, `username`,
 * `user_name`, `user1`, `you`, `yourname`, `your-user`, `YOUR_NAME`, `me`, `myname`, `name`,
 * `example`, `exampleuser`, `xxx`, `someone`, `placeholder`, `changeme`; underscores or dashes
 * around the word are ignored (`__USER__`).
 */
export function isPlaceholderUser(name: string): boolean {
  return PLACEHOLDER.test(name.replace(/^[-_]+|[-_]+$/gu, ''));
}

/** Whether `name` is one of SHARED_HOME_FOLDERS (case-insensitive). */
export function isSharedHomeFolder(name: string): boolean {
  return SHARED.has(name.toLowerCase());
}
