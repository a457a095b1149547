import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_USERS, SHARED_HOME_FOLDERS, isPlaceholderUser, isSharedHomeFolder } from '../../src/index.js';

describe('isPlaceholderUser', () => {
  it.each(['user', 'USER', 'username', 'UserName', 'user_name', 'user-name', 'user2', 'usr', 'you', 'yourname', 'your-name', 'YOUR_NAME', 'your.name', 'your-user', 'yourusername', 'your_user_name', 'me', 'my-name', 'myuser', 'name', 'example', 'example-user', 'xxx', 'XXXXX', 'someone', 'somebody', 'placeholder', 'changeme', '__USER__', '-user-'])(
    '%s is a placeholder',
    (name) => expect(isPlaceholderUser(name)).toBe(true),
  );

  it.each(['ana', 'bob', 'dmitri', 'José', 'users', 'username-ana', 'mel', 'names', 'examples2', 'xx', 'userland', 'yours', 'youssef', 'mei'])('%s is a name', (name) => expect(isPlaceholderUser(name)).toBe(false));
});

describe('isSharedHomeFolder', () => {
  it('knows the Windows, macOS and Homebrew shared folders, case-insensitively', () => {
    for (const name of ['Public', 'PUBLIC', 'Default', 'Default User', 'All Users', 'Shared', 'Guest', 'linuxbrew', 'Default.migrated', 'LocalService', 'WDAGUtilityAccount']) {
      expect(isSharedHomeFolder(name), name).toBe(true);
    }
    expect(isSharedHomeFolder('ana')).toBe(false);
    expect(SHARED_HOME_FOLDERS.every((f) => f === f.toLowerCase())).toBe(true);
  });
});

describe('DEFAULT_ALLOWED_USERS', () => {
  it('lists the CI and container accounts of the policy', () => {
    expect([...DEFAULT_ALLOWED_USERS].sort()).toEqual(['build', 'circleci', 'codespace', 'gitpod', 'jenkins', 'node', 'runner', 'runneradmin', 'travis', 'vscode', 'vsts']);
  });
});
