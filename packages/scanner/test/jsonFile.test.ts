import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../src/jsonFile.js';

describe('locateJsonError', () => {
  it('places the first error with a 1-based line and column', () => {
    expect(locateJsonError('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1, message: 'trailing comma before "}"' });
    expect(locateJsonError('{"a": }')).toEqual({ line: 1, column: 7, message: 'unexpected "}", expected a value' });
    expect(locateJsonError('{"a" 1}')).toEqual({ line: 1, column: 6, message: 'expected ":" after the property name' });
    expect(locateJsonError('[1 2]')).toEqual({ line: 1, column: 4, message: 'expected "," or "]" after the array element' });
    expect(locateJsonError('{"a": "x\ny"}')).toEqual({ line: 1, column: 9, message: 'control character in a string (escape it)' });
    expect(locateJsonError('')).toEqual({ line: 1, column: 1, message: 'unexpected end of input' });
    expect(locateJsonError('{} {}')).toEqual({ line: 1, column: 4, message: 'unexpected text after the end of the JSON value' });
    expect(locateJsonError("{'a': 1}")).toEqual({ line: 1, column: 2, message: 'expected a double-quoted property name' });
  });

  it('accepts exactly what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(locateJsonError(JSON.stringify(value, null, 2))).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', 'e', '.', ' ', 't', 'n', '\\', 'u', 'a') }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
