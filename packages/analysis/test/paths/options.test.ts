import { describe, expect, it } from 'vitest';
import type { HomePathOptions } from '../../src/index.js';
import { findHomePaths, mayContainHomePath, scanSource, validateHomePathOptions } from '../../src/index.js';
import ts from 'typescript';

const invalid = (options: unknown): HomePathOptions => options as HomePathOptions;

describe('validateHomePathOptions', () => {
  it('accepts good options and no options', () => {
    expect(() => validateHomePathOptions({})).not.toThrow();
    expect(() => validateHomePathOptions({ allowUsers: ['ci-bot'], allowPatterns: ['^/home/ci-'], extraForms: ['/var/users/(?<user>\\w+)'] })).not.toThrow();
  });

  it('names the option, the bad value and the fix for a bad regular expression', () => {
    expect(() => validateHomePathOptions({ allowPatterns: ['^/home/ok', '(unclosed'] })).toThrow(
      /allowPatterns\[1\] "\(unclosed" is not a valid regular expression \(.*\); write a JavaScript regular-expression source/u,
    );
    expect(() => validateHomePathOptions({ extraForms: ['[a-'] })).toThrow(/extraForms\[0\] "\[a-" is not a valid regular expression/u);
  });

  it('keeps the SyntaxError as the cause', () => {
    try {
      validateHomePathOptions({ allowPatterns: ['('] });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });

  it('requires a user group in extraForms', () => {
    expect(() => validateHomePathOptions({ extraForms: ['/var/users/\\w+'] })).toThrow(/extraForms\[0\] "\/var\/users\/\\\\w\+" has no named group "user"; wrap the user-name part in \(\?<user>\.\.\.\)/u);
  });

  it('rejects extraForms that match the empty string', () => {
    expect(() => validateHomePathOptions({ extraForms: ['(?<user>\\w*)'] })).toThrow(/extraForms\[0\] .* matches the empty string/u);
  });

  it('rejects values of the wrong type, naming them', () => {
    expect(() => validateHomePathOptions(invalid({ allowUsers: 'ana' }))).toThrow(/allowUsers must be an array of strings .*got "ana"/u);
    expect(() => validateHomePathOptions(invalid({ allowUsers: ['ok', 42] }))).toThrow(/allowUsers\[1\] must be a string .*got 42/u);
    expect(() => validateHomePathOptions({ allowUsers: ['ok', '  '] })).toThrow(/allowUsers\[1\] is an empty user name/u);
    expect(() => validateHomePathOptions(invalid(null))).toThrow(/options must be an object/u);
  });

  it('is what every entry point runs', () => {
    const bad = { allowPatterns: ['('] };
    expect(() => findHomePaths('/home/ana', bad)).toThrow(/allowPatterns\[0\]/u);
    expect(() => mayContainHomePath('/home/ana', bad)).toThrow(/allowPatterns\[0\]/u);
    expect(() => scanSource(ts, 'a.ts', 'const a = 1;', bad)).toThrow(/allowPatterns\[0\]/u);
  });
});
