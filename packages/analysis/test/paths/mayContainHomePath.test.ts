import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHomePaths, mayContainHomePath } from '../../src/index.js';
import { BUILT_IN_FORMS } from '../../src/paths/homePathPattern.js';

// findHomePaths itself starts with the prefilter, so the properties also check against the forms'
// own expression: a prefilter too strict for both would otherwise go unseen.
const FORMS = new RegExp(BUILT_IN_FORMS.source, 'u');
const hasForm = (text: string): boolean => FORMS.test(text);

const utf16 = (text: string, bom: 'le' | 'be'): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  const body = bom === 'le' ? le : Buffer.from(le).swap16();
  return Buffer.concat([Buffer.from(bom === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
};

describe('mayContainHomePath', () => {
  it('says false for text without any form, string or bytes', () => {
    const text = 'export const settings = { users: [], homepage: "https://example.com" };\n';
    expect(mayContainHomePath(text)).toBe(false);
    expect(mayContainHomePath(Buffer.from(text))).toBe(false);
    expect(mayContainHomePath(new TextEncoder().encode(text))).toBe(false);
  });

  it.each(['/home/ana', '\\/home\\/ana', '/Users/ana', 'C:\\Users\\ana', 'c:/users/ana', 'E:\\USERS\\ANA', 'C:\\Documents and Settings\\ana', 'file:///C:/Documents%20and%20Settings/ana', '/mnt/c/Users/ana'])(
    'says true for %s, string and bytes',
    (text) => {
      expect(mayContainHomePath(text)).toBe(true);
      expect(mayContainHomePath(Buffer.from(text))).toBe(true);
      expect(mayContainHomePath(new TextEncoder().encode(`ünïcödé ${text}`))).toBe(true);
    },
  );

  it('reads a Uint8Array view at its offset', () => {
    const backing = Buffer.from('xxxx/home/ana/yyyy');
    expect(mayContainHomePath(new Uint8Array(backing.buffer, backing.byteOffset, 4))).toBe(false);
    expect(mayContainHomePath(new Uint8Array(backing.buffer, backing.byteOffset + 4, 10))).toBe(true);
  });

  it('decodes UTF-16 with a byte-order mark (regedit exports)', () => {
    const reg = 'Windows Registry Editor Version 5.00\r\n"Path"="C:\\\\Users\\\\ana\\\\x"\r\n';
    expect(mayContainHomePath(utf16(reg, 'le'))).toBe(true);
    expect(mayContainHomePath(utf16(reg, 'be'))).toBe(true);
    expect(mayContainHomePath(utf16('no paths here', 'le'))).toBe(false);
  });

  it('is always true with extraForms', () => {
    expect(mayContainHomePath('nothing', { extraForms: ['/var/u/(?<user>\\w+)'] })).toBe(true);
  });

  // The property the scanner relies on: a false answer is never wrong. Texts are built from
  // pieces that make real forms, near misses and noise, so every form is generated often.
  it('never says false when findHomePaths finds something (property)', () => {
    const before = fc.constantFrom('', ' ', '"', "'", '=', ':', '(', '\n', '\\n', 'x', '/', '.', '~', '${a}', 'https://h', '//cdn');
    const head = fc.constantFrom(
      '/home/', '/Users/', '\\/home\\/', '\\/Users\\/', '/mnt/c/Users/', '/mnt/d/users/', '\\/mnt\\/c\\/USERS\\/',
      'C:\\Users\\', 'c:\\\\users\\\\', 'D:/USERS/', 'e:\\\\\\\\Users\\\\\\\\', 'C:\\Documents and Settings\\', 'c:/documents and settings/', 'C:\\\\DOCUMENTS AND SETTINGS\\\\',
      'file:///home/', 'file:/Users/', 'file:///C:/Users/', 'file://C:/users/', 'file://localhost/home/', 'file:///c%3A/Users/', 'file:///C:/Documents%20and%20Settings/', 'FILE:///mnt/c/Users/',
      // near misses
      '/home', 'home/', 'Users/', '/users/', '/Home/', 'C:\\Windows\\', 'C:Users\\', '/mnt/cd/Users/', 'file://host/home/', 'Documents and Settings/',
    );
    const name = fc.constantFrom('ana', 'bob', 'José', 'Jos%C3%A9', 'a1', 'ana.smith', 'ana.', 'runner', 'user', 'YOUR_NAME', 'Public', 'All Users', 'feed.html', '.cache', '$USER', '<user>', '*', '1000', '');
    const after = fc.constantFrom('', '/', '/x', '\\', '"', "'", ' ', '\n', ':', ')', '.', '+', '=', 'x', '?q', '#f');
    const piece = fc.oneof(
      fc.tuple(before, head, name, after).map((p) => p.join('')),
      fc.constantFrom('noise ', 'const x = 1;', '\r\n', 'ünï', '😀', '\t'),
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    let withMatches = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (findHomePaths(t).length === 0 && !hasForm(t)) return true;
        withMatches++;
        return mayContainHomePath(t) && mayContainHomePath(Buffer.from(t)) && mayContainHomePath(utf16(t, 'le'));
      }),
      { numRuns: 20_000 },
    );
    // The generator must exercise the property, not just texts without matches.
    expect(withMatches).toBeGreaterThan(3_000);
  });

  it('the property holds for random unicode text around real forms too', () => {
    const form = fc.constantFrom('/home/ana', 'C:\\Users\\bob', 'file:///Users/carl', '/mnt/d/USERS/dora', 'C:/Documents and Settings/eve');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), form, fc.string({ unit: 'binary' }), (a, f, b) => {
        const t = `${a} ${f}/x ${b}`;
        return (findHomePaths(t).length === 0 && !hasForm(t)) || (mayContainHomePath(t) && mayContainHomePath(Buffer.from(t)));
      }),
      { numRuns: 2_000 },
    );
  });
});
