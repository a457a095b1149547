import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadTypeScript } from '../src/typescript.js';

describe('loadTypeScript', () => {
  it('loads the typescript package once, with its parser', () => {
    const loaded = loadTypeScript();
    expect(loadTypeScript()).toBe(loaded);
    expect(loaded.version).toBe(ts.version);
    expect(typeof loaded.createSourceFile).toBe('function');
  });
});
