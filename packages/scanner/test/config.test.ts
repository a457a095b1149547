import { describe, expect, it } from 'vitest';
import { checkPathsOptions, CONFIG_FILE_NAME, findConfig, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { makeTree } from './support/tree.js';

function configError(content: string): string {
  using tree = makeTree({ [CONFIG_FILE_NAME]: content });
  try {
    loadConfig(tree.path(CONFIG_FILE_NAME));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(tree.path(CONFIG_FILE_NAME));
    return (error as Error).message.replace(tree.path(CONFIG_FILE_NAME), CONFIG_FILE_NAME);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads the paths section and accepts "//" comment keys', () => {
    const json = {
      '//': 'why the ignores are there',
      paths: { '// ignore': 'fixtures', allowUsers: ['ci'], allowPatterns: ['^/home/ana/shared'], extraForms: ['/var/users/(?<user>[\\w.-]+)'], ignore: ['fixtures/'], maxFileBytes: 1000 },
    };
    using tree = makeTree({ [CONFIG_FILE_NAME]: JSON.stringify(json) });
    const config = loadConfig(tree.path(CONFIG_FILE_NAME));
    expect(config.file).toBe(tree.path(CONFIG_FILE_NAME));
    expect(config.paths).toMatchObject({ allowUsers: ['ci'], ignore: ['fixtures/'], maxFileBytes: 1000 });
  });

  it('accepts a file without a paths section', () => {
    using tree = makeTree({ [CONFIG_FILE_NAME]: '{}' });
    expect(loadConfig(tree.path(CONFIG_FILE_NAME)).paths).toEqual({});
  });

  it('names unknown keys with the keys it knows', () => {
    expect(configError('{"path": {}}')).toBe(`${CONFIG_FILE_NAME}: unknown key "path" (expected "paths", "disposal", or a "//" comment key)`);
    expect(configError('{"paths": {"allowUser": []}}')).toContain('unknown key "paths.allowUser" (expected "paths.allowUsers", "paths.allowPatterns"');
  });

  it('names the key and the type for wrong types', () => {
    expect(configError('[]')).toBe(`${CONFIG_FILE_NAME}: expected an object at the top level, got an array`);
    expect(configError('{"paths": []}')).toBe(`${CONFIG_FILE_NAME}: "paths" must be an object, got an array`);
    expect(configError('{"paths": {"allowUsers": "ana"}}')).toBe(`${CONFIG_FILE_NAME}: "paths.allowUsers" must be an array of strings, got a string ("ana")`);
    expect(configError('{"paths": {"ignore": ["a", 3]}}')).toBe(`${CONFIG_FILE_NAME}: "paths.ignore[1]" must be a string, got a number (3)`);
    expect(configError('{"paths": {"maxFileBytes": -1}}')).toBe(`${CONFIG_FILE_NAME}: "paths.maxFileBytes" must be a positive whole number of bytes, got -1`);
    expect(configError('{"paths": {"maxFileBytes": "2MB"}}')).toContain('"paths.maxFileBytes" must be a positive whole number of bytes, got a string ("2MB")');
  });

  it('rejects regular expressions that do not compile, and extra forms without a user group', () => {
    expect(configError('{"paths": {"allowPatterns": ["("]}}')).toContain('"paths.allowPatterns[0]" is not a valid regular expression');
    expect(configError('{"paths": {"extraForms": ["/var/users/\\\\w+"]}}')).toContain('"paths.extraForms[0]" needs a named group "user"');
  });

  it('places JSON syntax errors at a line and column', () => {
    expect(configError('{\n  "paths": {\n    "allowUsers": ["a",]\n  }\n}')).toBe(`${CONFIG_FILE_NAME}:3:24: invalid JSON: trailing comma before "]"`);
  });

  it('reads a file that starts with a UTF-8 byte order mark, as editors on Windows save it', () => {
    using tree = makeTree({ [CONFIG_FILE_NAME]: Buffer.from(`\uFEFF${JSON.stringify({ paths: { allowUsers: ['ci'] } })}`, 'utf8') });
    expect(loadConfig(tree.path(CONFIG_FILE_NAME)).paths).toEqual({ allowUsers: ['ci'] });
  });

  it('says when the file does not exist', () => {
    using tree = makeTree({});
    expect(() => loadConfig(tree.path('nope.json'))).toThrow(/nope\.json: no such file$/u);
  });
});

describe('findConfig', () => {
  it('reads leakguard.config.json in the directory, and returns undefined without one', () => {
    using tree = makeTree({ 'with/leakguard.config.json': '{"paths": {"allowUsers": ["ci"]}}', 'without/a.txt': '' });
    expect(findConfig(tree.path('with'))?.paths.allowUsers).toEqual(['ci']);
    expect(findConfig(tree.path('without'))).toBeUndefined();
  });
});

describe('checkPathsOptions', () => {
  it('accepts empty options and names the first problem with the prefix', () => {
    expect(checkPathsOptions({})).toBeUndefined();
    expect(checkPathsOptions({ allowUsers: [1] }, 'x.')).toBe('"x.allowUsers[0]" must be a string, got a number (1)');
  });
});
