import { describe, expect, it } from 'vitest';
import { checkDisposalOptions, CONFIG_FILE_NAME, loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { makeTree } from '../support/tree.js';

function load(json: string) {
  using tree = makeTree({ [CONFIG_FILE_NAME]: json });
  return loadConfig(tree.path(CONFIG_FILE_NAME), CONFIG_FILE_NAME);
}

function configError(json: string): string {
  try {
    load(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('the config file’s disposal section', () => {
  it('is read beside the paths section, and is {} when absent', () => {
    const config = load('{"paths": {"allowUsers": ["deploy"]}, "disposal": {"resources": [{"acquire": "createQueryRunner", "release": "release"}], "loggers": ["audit"], "ignore": ["legacy/"], "// why": "comment"}}');
    expect(config.paths).toEqual({ allowUsers: ['deploy'] });
    expect(config.disposal).toMatchObject({ resources: [{ acquire: 'createQueryRunner', release: 'release' }], loggers: ['audit'], ignore: ['legacy/'] });
    expect(load('{"paths": {}}').disposal).toEqual({});
  });

  it('leaves out "//" comment keys, in the section and in each resources pair, so the engine never sees them', () => {
    const config = load('{"disposal": {"//": "why", "// ignore": ["legacy code"], "ignore": ["legacy/"], "resources": [{"//": "TypeORM", "acquire": "createQueryRunner", "release": "release"}]}}');
    expect(config.disposal).toEqual({ ignore: ['legacy/'], resources: [{ acquire: 'createQueryRunner', release: 'release' }] });
    // A pair that is no object is still named; so is a key that is no comment.
    expect(configError('{"disposal": {"resources": [{"//": "x", "acquire": "a", "release": "r"}, "pg"]}}')).toMatch(/: in "disposal": resources\[1\] must be an object/u);
    expect(configError('{"disposal": {"resources": [{"/": "x", "acquire": "a", "release": "r"}]}}')).toMatch(/: in "disposal": resources\[0\] has unknown key "\/"/u);
  });

  it('names the file and the key of a mistake', () => {
    expect(configError('{"disposal": []}')).toBe(`${CONFIG_FILE_NAME}: "disposal" must be an object, got an array`);
    expect(configError('{"disposal": {"ignore": "dist"}}')).toBe(`${CONFIG_FILE_NAME}: "disposal.ignore" must be an array of strings, got a string ("dist")`);
    expect(configError('{"disposal": {"resources": [{"release": "release"}]}}')).toMatch(new RegExp(`^${CONFIG_FILE_NAME.replace('.', '\\.')}: in "disposal": .*acquire`, 'u'));
    expect(configError('{"disposal": {"loggers": "log"}}')).toMatch(/: in "disposal": .*loggers/u);
  });

  it('checkDisposalOptions accepts what the engine accepts, plus ignore', () => {
    expect(checkDisposalOptions({})).toBeUndefined();
    expect(checkDisposalOptions({ resources: [{ acquire: 'open', release: ['close', 'destroy'] }], ignore: ['x/'] })).toBeUndefined();
    expect(checkDisposalOptions({ ignore: [3] }, 'disposal.')).toBe('"disposal.ignore[0]" must be a string, got a number (3)');
  });
});
