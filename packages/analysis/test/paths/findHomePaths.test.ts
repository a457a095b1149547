import { describe, expect, it } from 'vitest';
import type { HomePathForm, HomePathMatch } from '../../src/index.js';
import { DEFAULT_ALLOWED_USERS, SHARED_HOME_FOLDERS, findHomePaths } from '../../src/index.js';
import { UrlContext } from '../../src/paths/urlContext.js';

/** `form:user` of each match, for compact expectations. */
const found = (text: string, options = {}): string[] => findHomePaths(text, options).map((m) => `${m.form}:${m.user}`);
const one = (text: string): HomePathMatch => {
  const matches = findHomePaths(text);
  expect(matches).toHaveLength(1);
  return matches[0] as HomePathMatch;
};

describe('findHomePaths: the forms', () => {
  it.each<[string, HomePathForm, string, string]>([
    ['cd /home/ana/projects', 'posix', 'ana', '/home/ana'],
    ['open /Users/bob/Desktop/report.pdf', 'macos', 'bob', '/Users/bob'],
    ['C:\\Users\\dmitri\\AppData\\Roaming', 'windows', 'dmitri', 'C:\\Users\\dmitri'],
    ['"C:\\\\Users\\\\ana\\\\repo"', 'windows', 'ana', 'C:\\\\Users\\\\ana'],
    ['"D:\\\\\\\\Users\\\\\\\\ana\\\\\\\\x"', 'windows', 'ana', 'D:\\\\\\\\Users\\\\\\\\ana'],
    ['C:/Users/olga/go/bin', 'windows', 'olga', 'C:/Users/olga'],
    ['c:\\users\\olga\\x', 'windows', 'olga', 'c:\\users\\olga'],
    ['E:\\USERS\\OLGA\\x', 'windows', 'OLGA', 'E:\\USERS\\OLGA'],
    ['C:\\Documents and Settings\\bob\\Desktop', 'windows-legacy', 'bob', 'C:\\Documents and Settings\\bob'],
    ['"c:\\\\documents and settings\\\\bob\\\\x"', 'windows-legacy', 'bob', 'c:\\\\documents and settings\\\\bob'],
    ['C:/Documents and Settings/bob/x', 'windows-legacy', 'bob', 'C:/Documents and Settings/bob'],
    ['/mnt/c/Users/carla/src', 'wsl', 'carla', '/mnt/c/Users/carla'],
    ['/mnt/d/users/carla', 'wsl', 'carla', '/mnt/d/users/carla'],
    ['file:///home/ana/index.html', 'file-url', 'ana', 'file:///home/ana'],
    ['file:///Users/bob/x', 'file-url', 'bob', 'file:///Users/bob'],
    ['file:///C:/Users/dmitri/x', 'file-url', 'dmitri', 'file:///C:/Users/dmitri'],
    ['file:///c%3A/Users/dmitri/x', 'file-url', 'dmitri', 'file:///c%3A/Users/dmitri'],
    ['file://localhost/home/ana/x', 'file-url', 'ana', 'file://localhost/home/ana'],
    ['file:/home/ana/x.jar', 'file-url', 'ana', 'file:/home/ana'],
    ['file://C:/Users/ana/x', 'file-url', 'ana', 'file://C:/Users/ana'],
    ['file:///mnt/c/Users/ana/x', 'file-url', 'ana', 'file:///mnt/c/Users/ana'],
    ['file:///C:/Documents%20and%20Settings/bob/x', 'file-url', 'bob', 'file:///C:/Documents%20and%20Settings/bob'],
    ['FILE:///home/ana', 'file-url', 'ana', 'FILE:///home/ana'],
    ['{"dir":"\\/home\\/ana\\/x"}', 'posix', 'ana', '\\/home\\/ana'],
  ])('%s → %s %s', (text, form, user, matched) => {
    const m = one(text);
    expect([m.form, m.user, m.text]).toEqual([form, user, matched]);
    expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('accepts any plausible name: dots, dashes, underscores, digits, other scripts', () => {
    expect(found('/home/ana.smith/ /home/bob-2/ /home/_svc/ /home/José/ /Users/дмитрий/ /home/user_ana/ /home/a1/')).toEqual([
      'posix:ana.smith',
      'posix:bob-2',
      'posix:_svc',
      'posix:José',
      'macos:дмитрий',
      'posix:user_ana',
      'posix:a1',
    ]);
  });

  it('ends a name at every natural terminator', () => {
    const ends = ['/', '\\', "'", '"', '`', ' ', '\t', '\n', ')', ',', ';', ':', ']', '}', '>', '<', '|', '&', '?', '#', '!', '*', '$', '\\"', ''];
    for (const end of ends) expect(found(`x=/home/ana${end}`), JSON.stringify(end)).toEqual(['posix:ana']);
  });

  it('does not report a name that runs on into a longer word', () => {
    expect(found('/home/ana+bob /home/ana=1 /home/ana@host /home/ana(1) /home/ana[0] /home/ana%20x /home/ana{x} /home/ana^2 /home/ana~')).toEqual([]);
  });

  it('leaves a sentence’s final dot out of the name and the path', () => {
    const text = 'Clone it into /home/ana. Then open /Users/bob/notes.';
    const matches = findHomePaths(text);
    expect(matches.map((m) => [m.user, text.slice(m.start, m.pathEnd)])).toEqual([
      ['ana', '/home/ana'],
      ['bob', '/Users/bob/notes'],
    ]);
  });

  it('reports every occurrence, in order, several per line', () => {
    const text = 'PATH=/home/ana/bin:/Users/ana/bin:/home/bob/.local/bin C:\\Users\\ana';
    expect(findHomePaths(text).map((m) => m.start)).toEqual([5, 19, 34, 55]);
    expect(found(text)).toEqual(['posix:ana', 'macos:ana', 'posix:bob', 'windows:ana']);
  });

  it('finds paths after the characters that begin a path in config, shell and code', () => {
    const starts = ['=', ':', '"', "'", '`', '(', '[', '{', ',', ';', '|', '&', '>', '!', '^', '#', '?', ' ', '\t', '\n'];
    for (const before of starts) expect(found(`x${before}/home/ana/x`), before).toEqual(['posix:ana']);
    expect(found('"first\\n/home/ana/x"')).toEqual(['posix:ana']);
    expect(found('/^\\/home\\/ana\\//')).toEqual(['posix:ana']);
  });

  it('only takes a capitalised HTTP method right before the path for a request line', () => {
    expect(found('FORGET /home/ana/x; get /home/bob/y; GET  /home/carl/z')).toEqual(['posix:ana', 'posix:bob', 'posix:carl']);
  });

  it('reads a quoted first argument of a router or HTTP-client call on the same line as a route, in any language', () => {
    const routes = ['@app.route("/home/feed")', "router.get('/home/news', list)", '@bp.get("/Users/eva/x")', 'fetch(`/home/latest`)', '@Get("/home/ana")'];
    expect(routes.flatMap((text) => found(text))).toEqual(['macos:eva']);
    // The same path as a file: another callee, another argument, or the call on another line.
    expect(found('open("/home/ana/x")')).toEqual(['posix:ana']);
    expect(found("cache.get('/home/bob/x')")).toEqual(['posix:bob']);
    expect(found("app.get(route, '/home/carl/x')")).toEqual(['posix:carl']);
    expect(found("app.get(\n  '/home/dora/x')")).toEqual(['posix:dora']);
    expect(found("app.get(base + '/home/eve/x')")).toEqual(['posix:eve']);
  });

  it('finds a path right after a terminal colour code, as coloured logs write it', () => {
    expect(found('\u001b[32m/home/ana/x\u001b[0m at \u001b[2;37mC:\\Users\\bob\\y \u001b[1mfile:///Users/carl/z')).toEqual(['posix:ana', 'windows:bob', 'file-url:carl']);
    expect(found('echo -e "\\033[1;31m/home/dora/x"; printf "\\e[2m/Users/eve/y"; log(`\\x1b[32m/home/fay/z`)')).toEqual(['posix:dora', 'macos:eve', 'posix:fay']);
    // Not after a letter m of a word.
    expect(found('rm/home/ana/x')).toEqual([]);
  });

  it('takes a block-comment opener right before a path for no glob', () => {
    expect(found('/*/home/ana/x*/ and (/*/Users/bob */)')).toEqual(['posix:ana', 'macos:bob']);
    expect(found('src/*/home/carl/x **/home/dora/x')).toEqual([]);
  });

  it('does not report a name that runs on into an expression or variable after -, _ or .', () => {
    expect(found('`/home/ana-${x}` /home/bob_$USER /Users/carl.${n} C:\\Users\\dora-${id}')).toEqual([]);
    // A whole name followed by an expression or variable is still a name.
    expect(found('`/home/ana${rest}` /home/bob$SUFFIX')).toEqual(['posix:ana', 'posix:bob']);
  });

  it('tells Markdown emphasis from globs', () => {
    const text = 'Data is in **/home/ana/data** and *C:\\Users\\bob\\x*; ignore **/home/carl/** and */home/dora/* globs. **/Users/eve**.';
    expect(findHomePaths(text).map((m) => [m.user, text.slice(m.start, m.pathEnd)])).toEqual([
      ['ana', '/home/ana/data'],
      ['bob', 'C:\\Users\\bob\\x'],
      ['eve', '/Users/eve'],
    ]);
  });

  it('reads Windows 8.3 short names, judging them by their long-name part', () => {
    expect(found('C:\\Users\\ANAMAR~1\\AppData\\Local\\Temp C:\\Users\\RUNNER~1\\AppData C:\\Users\\PUBLIC~1\\x')).toEqual(['windows:ANAMAR~1']);
  });

  it('finds the passwd, scp and PATH shapes', () => {
    expect(found('ana:x:1000:1000:Ana:/home/ana:/bin/bash')).toEqual(['posix:ana']);
    expect(found('scp build.tgz ana@devbox:/home/ana/drop/')).toEqual(['posix:ana']);
  });
});

describe('findHomePaths: what is not a home directory', () => {
  it.each(DEFAULT_ALLOWED_USERS.map((u) => [u]))('CI/container account %s, in every form', (user) => {
    expect(found(`/home/${user}/repo C:\\Users\\${user}\\x file:///Users/${user}/x /mnt/c/Users/${user.toUpperCase()}/x`)).toEqual([]);
  });

  it('matches allowed users per occurrence, never per file', () => {
    expect(found('/home/runner/repo and /home/ana/repo')).toEqual(['posix:ana']);
  });

  it.each([
    '/home/<user>/x',
    '/home/<username>/x',
    '/home/{user}/x',
    '/home/{username}/x',
    '/home/$USER/x',
    '/home/${USER}/x',
    '/home/$(whoami)/x',
    'C:\\Users\\%USERNAME%\\x',
    'C:\\Users\\%USERPROFILE%\\x',
    '/home/USERNAME/x',
    '/home/username/x',
    '/home/user/x',
    '/home/User/x',
    '/home/user1/x',
    '/home/user_name/x',
    '/home/you/x',
    '/home/yourname/x',
    '/home/YourName/x',
    '/home/your-name/x',
    '/home/your_name/x',
    '/home/YOUR_NAME/x',
    '/home/your-user/x',
    '/home/yourusername/x',
    '/home/me/x',
    '/home/myname/x',
    '/home/name/x',
    '/home/example/x',
    '/home/exampleuser/x',
    '/home/xxx/x',
    '/home/XXXX/x',
    '/home/.../x',
    '/home/__USER__/x',
    '/home/someone/x',
    '/home/<your-name>/x',
    '/home/*/x',
    '/home/**/x',
    '/Users/[name]/x',
    '/home/:user/x',
  ])('placeholder %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each([
    'C:\\Users\\Public\\Documents',
    'C:\\Users\\Default\\NTUSER.DAT',
    'C:\\Users\\Default User\\x',
    'C:\\Users\\All Users\\Microsoft',
    'c:\\users\\all users\\x',
    'C:\\Documents and Settings\\All Users\\x',
    'C:\\Documents and Settings\\Default User\\x',
    'C:\\Documents and Settings\\LocalService\\x',
    '/Users/Shared/x',
    '/Users/Guest/x',
    '/mnt/c/Users/Public/x',
    'file:///C:/Users/Public/x',
    '/home/linuxbrew/.linuxbrew/bin',
    'C:\\Users\\defaultuser0\\x',
    'C:\\Users\\NetworkService\\x',
  ])('shared folder %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  // Every name the README and SHARED_HOME_FOLDERS document as never reported, in each users folder.
  it.each(['Public', 'Default', 'Default User', 'All Users', 'Default.migrated', 'defaultuser0', 'LocalService', 'NetworkService', 'WDAGUtilityAccount', 'Shared', 'Guest', 'linuxbrew'])(
    'documented shared folder %s is never reported',
    (name) => {
      expect(SHARED_HOME_FOLDERS).toContain(name.toLowerCase());
      const encoded = name.replaceAll(' ', '%20');
      const texts = [`C:\\Users\\${name}\\x`, `C:/Users/${name}/x`, `/mnt/c/Users/${name}/x`, `file:///C:/Users/${encoded}/x`];
      // A space only occurs in the Windows folders; the others are checked in every users folder.
      if (!name.includes(' ')) texts.push(`/Users/${name}/x`, `/home/${name}/x`, `file:///Users/${name}/x`);
      for (const text of texts) expect(found(text), text).toEqual([]);
    },
  );

  it('judges a file URL’s name percent-decoded: %20 in All Users, an encoded placeholder', () => {
    expect(found('file:///C:/Users/All%20Users/x file:///C:/Users/Default%20User/x file:///home/%75ser/x file:///home/Ru%6Ener/x')).toEqual([]);
    // Still reported, with the name as written.
    expect(found('file:///home/Jos%C3%A9/x file:///home/ana%2Dmaria/x')).toEqual(['file-url:Jos%C3%A9', 'file-url:ana%2Dmaria']);
  });

  it.each([
    'https://example.com/home/ana',
    'http://localhost:3000/home/ana',
    'https://example.com/?next=/home/ana',
    'https://example.com/x#/home/ana',
    'http://[::1]/home/ana',
    'HTTPS://EXAMPLE.COM/Users/ana',
    'ws://localhost:8080/home/ana',
    'wss://host/Users/ana/socket',
    'https://host/?db=sqlite:////home/ana/x',
    '//cdn.host/Users/x',
    'https://host/C:/Users/ana',
    '2024-05-02 info GET /home/feed 200 12ms',
    '`POST /Users/search`',
    'DELETE /home/drafts HTTP/1.1',
  ])('URL path %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  // Only http(s) and ws(s) URLs with a host hold URL paths; any other scheme's path is a path in
  // some file system, often the remote user's home.
  it.each<[string, string[]]>([
    ['sqlite:////home/ana/app.db', ['posix:ana']],
    ['DOCKER_HOST=unix:///Users/ana/.colima/docker.sock', ['macos:ana']],
    ['redis+unix:///home/ana/redis.sock', ['posix:ana']],
    ['webpack:///home/ana/x', ['posix:ana']],
    ['"sources":["webpack://app//Users/ana/x.js"]', ['macos:ana']],
    ['vscode-remote://ssh-remote+box/home/ana/proj', ['posix:ana']],
    ['vscode-remote://wsl+Ubuntu/mnt/c/Users/ana/x', ['wsl:ana']],
    ['git+file:///home/ana/repo', ['file-url:ana']],
    ['"dep": "svn+file:///Users/ana/repo"', ['file-url:ana']],
    ['ssh://git@host/home/ana/repo.git', ['posix:ana']],
    ['sftp://ana@host:22/home/ana/x', ['posix:ana']],
    ['ftp://files.example.com/home/ana/pub', ['posix:ana']],
    ['s3://bucket/Users/bob/x', ['macos:bob']],
    ['postgres://u:p@h/db?sslrootcert=/home/ana/.pg/root.crt', ['posix:ana']],
    ['http:///home/ana (no host)', ['posix:ana']],
  ])('the path of a non-web URL is reported: %s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('does not take a path deeper in a non-web URL for a start', () => {
    expect(found('sftp://host/srv/home/ana s3://bucket/backups/Users/bob webpack://app/./src/Users/carl')).toEqual([]);
  });

  it('takes `<transport>+file:` for a file URL, but not a file: glued to a longer word', () => {
    expect(found('git+file:///home/ana/repo')).toEqual(['file-url:ana']);
    // Not a file URL, but still a path right after a URL's empty authority.
    expect(found('my_git+file:///home/ana')).toEqual(['posix:ana']);
  });

  it.each([
    '/root/.ssh',
    '/home',
    '/home/',
    '/Users',
    '/Users/ and /home/ alone',
    '/data/home/ana',
    'foo/home/ana',
    'src/Users/ana',
    './home/ana',
    '../Users/ana',
    '~/home/ana',
    '@/home/ana',
    '${root}/home/ana',
    '$(pwd)/home/ana',
    '$HOME/home/ana',
    '%APPDATA%/home/ana',
    '**/home/ana',
    '/users/ana',
    '/Home/ana',
    'xC:\\Users\\ana',
    'C:\\Windows\\Users\\ana',
    '\\\\server\\Users\\ana',
    '/mnt/cd/Users/ana',
    'BC:\\Users\\ana',
  ])('not the start of a home path: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each(['/home/feed.html', '/home/index.php', '/Users/list.json', 'C:\\Users\\desktop.ini', '/home/feed.html.', "fetch('/home/data.json')"])('a file name, not a user: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('still reports a dotted name that is a folder', () => {
    expect(found('/home/feed.html/x /home/ana.smith')).toEqual(['posix:feed.html', 'posix:ana.smith']);
  });

  it.each(['/home/.cache/x', '/home/-x/y', '/home/1000/x', '/home/_/x', '/home/.../x'])('not a plausible name: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('never reports ~/ in text mode', () => {
    expect(found('cp ~/.bashrc ~/backup; fs.readFileSync("~/x")')).toEqual([]);
  });
});

describe('findHomePaths: offsets', () => {
  it('gives start, end, pathEnd and text for each form', () => {
    const text = 'a "/home/ana/src/x.ts" b C:\\\\Users\\\\bob\\\\app\\\\y, file:///Users/carl/z?x=1 (/mnt/c/Users/dora/w)';
    const matches = findHomePaths(text);
    expect(matches.map((m) => [m.text, text.slice(m.start, m.end), text.slice(m.start, m.pathEnd)])).toEqual([
      ['/home/ana', '/home/ana', '/home/ana/src/x.ts'],
      ['C:\\\\Users\\\\bob', 'C:\\\\Users\\\\bob', 'C:\\\\Users\\\\bob\\\\app\\\\y'],
      ['file:///Users/carl', 'file:///Users/carl', 'file:///Users/carl/z'],
      ['/mnt/c/Users/dora', '/mnt/c/Users/dora', '/mnt/c/Users/dora/w'],
    ]);
  });

  it('stops pathEnd at escaped quotes, stack-trace positions and PATH separators', () => {
    const cases: Array<[string, string]> = [
      ['{"cwd":"C:\\\\Users\\\\ana\\\\x\\"}', 'C:\\\\Users\\\\ana\\\\x'],
      ['"\\"/home/ana/x\\""', '/home/ana/x'],
      ['at run (/Users/ana/app/index.js:12:5)', '/Users/ana/app/index.js'],
      ['PATH=/home/ana/bin:/usr/bin', '/home/ana/bin'],
      ["'/home/ana/x\\n'", '/home/ana/x'],
      ['C:\\Users\\ana\\new folder', 'C:\\Users\\ana\\new'],
      ['<dir>/home/ana/x</dir>', '/home/ana/x'],
    ];
    for (const [text, path] of cases) {
      const m = findHomePaths(text)[0] as HomePathMatch;
      expect(text.slice(m.start, m.pathEnd), text).toBe(path);
    }
  });

  it('counts offsets in UTF-16 code units after non-ASCII text', () => {
    const text = '日本語 😀 José → /home/ana/x';
    const m = one(text);
    expect(m.start).toBe(text.indexOf('/home'));
    // 日本語 (3) 😀 (a surrogate pair: 2) José (4) → (1) and five spaces.
    expect(m.start).toBe(14);
    expect(text.slice(m.start, m.end)).toBe('/home/ana');
  });

  it('handles a huge text quickly and completely', () => {
    const line = 'const x = compute(value, "some/other/path", 42); // nothing to see here\n';
    const text = line.repeat(60_000) + '"/home/ana/x"\n' + line.repeat(60_000) + 'C:\\Users\\bob\\y\n';
    const t0 = performance.now();
    const matches = findHomePaths(text);
    const ms = performance.now() - t0;
    expect(found(text)).toEqual(['posix:ana', 'windows:bob']);
    expect(matches[0]?.start).toBe(line.length * 60_000 + 1);
    // ~8.6 MB: a regex pass takes tens of milliseconds; seconds would mean a per-character loop.
    expect(ms).toBeLessThan(2_000);
  });

  it('reads each URL token once, however many candidates it holds (linear, not a look-back per match)', () => {
    const inputs = [':/home/ana'.repeat(50_000), 'C:/Users/'.repeat(100_000), 'unix:///Users/ana/'.repeat(50_000), 'https://h/home/ana/'.repeat(50_000), 'a://'.repeat(100_000) + '/home/ana'];
    expect(inputs.map((text) => findHomePaths(text).length)).toEqual([50_000, 99_999, 50_000, 0, 1]);
    for (const text of inputs) {
      const urls = new UrlContext(text);
      // Query as scanBuiltInForms does: at every candidate, in order.
      for (let at = text.indexOf('/'); at !== -1; at = text.indexOf('/', at + 1)) {
        urls.insideWebUrl(at);
        urls.beginsUrlPath(at);
      }
      expect(urls.charsRead, text.slice(0, 20)).toBeLessThanOrEqual(3 * text.length);
    }
  });

  it('does not backtrack catastrophically on hostile input', () => {
    const hostile = ['/home/' + 'a'.repeat(200_000) + '+', 'C:' + '\\'.repeat(100_000) + 'Users', 'file:' + '/'.repeat(100_000), '/home/ana'.repeat(50_000) + 'x'];
    for (const text of hostile) {
      const t0 = performance.now();
      findHomePaths(text);
      expect(performance.now() - t0).toBeLessThan(2_000);
    }
  });
});

describe('findHomePaths: options', () => {
  it('allowUsers adds users, case-insensitively, to the defaults', () => {
    const text = '/home/ci-bot/x /home/Deploy/y /home/runner/z /home/ana/w';
    expect(found(text, { allowUsers: ['ci-bot', 'deploy'] })).toEqual(['posix:ana']);
  });

  it('allowPatterns skips matches whose whole path matches, unanchored unless anchored', () => {
    const text = '/home/ana/.cache/x /home/ana/src/y /Users/ana/.cache';
    expect(found(text, { allowPatterns: ['/\\.cache(/|$)'] })).toEqual(['posix:ana']);
    expect(found(text, { allowPatterns: ['^/Users/'] })).toEqual(['posix:ana', 'posix:ana']);
    expect(found(text, { allowPatterns: ['^/home/ana/src/y$'] })).toEqual(['posix:ana', 'macos:ana']);
  });

  it('extraForms report custom forms with the user group, in order with the built-in ones', () => {
    const text = 'a /var/users/ana/x b /home/bob c /export/home/carl/y d /var/users/runner/z';
    const matches = findHomePaths(text, { extraForms: ['/var/users/(?<user>[\\w.-]+)', '(?<![\\w/])/export/home/(?<user>[\\w.-]+)'] });
    expect(matches.map((m) => [m.form, m.user, m.text, text.slice(m.start, m.pathEnd)])).toEqual([
      ['custom', 'ana', '/var/users/ana', '/var/users/ana/x'],
      ['posix', 'bob', '/home/bob', '/home/bob'],
      ['custom', 'carl', '/export/home/carl', '/export/home/carl/y'],
    ]);
  });

  it('extraForms respect placeholders, allowUsers and allowPatterns', () => {
    const text = '/var/users/user/x /var/users/ci/y /var/users/dana/tmp/z /var/users/eli/w';
    expect(found(text, { extraForms: ['/var/users/(?<user>\\w+)'], allowUsers: ['ci'], allowPatterns: ['/tmp/'] })).toEqual(['custom:eli']);
  });

  it('an extra form that duplicates a built-in one does not report twice', () => {
    expect(found('/home/ana/x', { extraForms: ['/home/(?<user>\\w+)'] })).toEqual(['posix:ana']);
  });

  it('compiles each options object once and reuses it', () => {
    const options = { allowUsers: ['ci-bot'] };
    expect(found('/home/ci-bot/x', options)).toEqual([]);
    // The options are readonly: the compiled form of this object is kept, so later calls agree.
    (options.allowUsers as string[]).push('ana');
    expect(found('/home/ana/x', options)).toEqual(['posix:ana']);
    expect(found('/home/ana/x', { allowUsers: ['ci-bot', 'ana'] })).toEqual([]);
  });
});
