// Structure is tested, not remembered: every rule has its source file, doc, test and config entry.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { ruleDocsUrl } from '../src/util/createRule.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ruleNames = Object.keys(plugin.rules);
const rules: [string, TSESLint.RuleModule<string, readonly unknown[], { recommended?: boolean; requiresTypeChecking?: boolean }>][] = Object.entries(plugin.rules);
const configs = plugin.configs as Readonly<Record<string, TSESLint.FlatConfig.Config | undefined>>;
const packageJson = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; version: string };

const withoutExtension = (file: string) => file.replace(/\.(?:test\.ts|ts|md)$/u, '');

describe('eslint-plugin-leakguard', () => {
  it('names itself after its package', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, namespace: 'leakguard', version: packageJson.version });
  });

  it('keeps the rule index sorted', () => {
    expect(ruleNames.length).toBeGreaterThan(0);
    expect(ruleNames).toEqual([...ruleNames].sort());
  });

  it('has a rule in the index for every file in src/rules, docs/rules and test/rules', () => {
    const indexed = new Set(ruleNames);
    const files = [
      ...readdirSync(`${root}src/rules`).filter((file) => file !== 'index.ts'),
      ...readdirSync(`${root}docs/rules`),
      ...readdirSync(`${root}test/rules`),
    ].map(withoutExtension);
    expect(files.filter((name) => !indexed.has(name))).toEqual([]);
  });

  it('configs.recommended is a flat config that registers the plugin itself', () => {
    expect(configs.recommended?.name).toBe('leakguard/recommended');
    expect(configs.recommended?.plugins?.leakguard).toBe(plugin);
    for (const [name, config] of Object.entries(configs)) {
      for (const ruleId of Object.keys(config?.rules ?? {})) {
        expect(ruleId, `configs.${name}`).toMatch(/^leakguard\//u);
        expect(ruleNames, `configs.${name} names ${ruleId}`).toContain(ruleId.slice('leakguard/'.length));
      }
    }
  });
});

describe.each(rules)('rule %s', (name, rule) => {
  const docs = rule.meta.docs;

  it('has its source file, doc and test beside their twins', () => {
    expect(existsSync(`${root}src/rules/${name}.ts`)).toBe(true);
    expect(existsSync(`${root}docs/rules/${name}.md`)).toBe(true);
    expect(existsSync(`${root}test/rules/${name}.test.ts`)).toBe(true);
  });

  it('has a description, its docs URL, messages and a schema', () => {
    expect(docs?.description).toMatch(/^(?:Disallow|Require|Enforce) \S/u);
    expect(docs?.url).toBe(ruleDocsUrl(name));
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    expect(Array.isArray(rule.meta.schema)).toBe(true);
  });

  it('is listed as an error in the config its needs for type information call for', () => {
    const configName = docs?.requiresTypeChecking === true ? 'recommended-type-checked' : 'recommended';
    const other = configName === 'recommended' ? 'recommended-type-checked' : 'recommended';
    expect(docs?.recommended).toBe(true);
    expect(configs[configName]?.rules?.[`leakguard/${name}`]).toBe('error');
    expect(configs[other]?.rules?.[`leakguard/${name}`]).toBeUndefined();
  });

  it('has a doc that opens with its name and its description', () => {
    const [heading, blank, summary] = readFileSync(`${root}docs/rules/${name}.md`, 'utf8').split('\n');
    expect(heading).toBe(`# leakguard/${name}`);
    expect(blank).toBe('');
    expect(summary).toBe(`${docs?.description ?? ''}.`);
  });
});
