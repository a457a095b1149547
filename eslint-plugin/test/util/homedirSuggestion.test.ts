import { describe, expect, it } from 'vitest';
import { restArgument } from '../../src/util/homedirSuggestion.js';

describe('restArgument', () => {
  it('drops the leading separators and keeps the quotes of a string', () => {
    expect(restArgument('/projects/app', 'string', "'")).toBe("'projects/app'");
    expect(restArgument('//projects', 'string', '"')).toBe('"projects"');
  });

  it('is undefined when only separators or nothing follow the home directory', () => {
    expect(restArgument('', 'string', "'")).toBeUndefined();
    expect(restArgument('/', 'string', "'")).toBeUndefined();
    expect(restArgument('\\\\', 'string', "'")).toBeUndefined();
    expect(restArgument('\\', 'jsx-attribute', '"')).toBeUndefined();
  });

  it('turns escaped backslash separators into slashes and keeps other escapes as written', () => {
    // Source text `\\projects\\app` (one backslash each at run time).
    expect(restArgument('\\\\projects\\\\app', 'string', "'")).toBe("'projects/app'");
    expect(restArgument('\\\\it\\\'s\\\\x\\u0041', 'string', "'")).toBe("'it\\'s/x\\u0041'");
  });

  it('reads a JSX attribute without escapes: each backslash is a separator', () => {
    expect(restArgument('\\Pictures\\me.png', 'jsx-attribute', '"')).toBe("'Pictures/me.png'");
    expect(restArgument("/it's", 'jsx-attribute', '"')).toBe("'it\\'s'");
  });

  it('writes a template as a single-quoted string, escaping its quotes and line ends', () => {
    expect(restArgument('/x', 'template', '`')).toBe("'x'");
    expect(restArgument("/it's", 'template', '`')).toBe("'it\\'s'");
    expect(restArgument('/a\nb', 'template', '`')).toBe("'a\\nb'");
    expect(restArgument('/a\\`b', 'template', '`')).toBe("'a\\`b'");
  });
});
