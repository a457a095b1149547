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
const readme = readFileSync(`${root}README.md`, 'utf8');
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

  it("configs.recommended and configs['recommended-type-checked'] are flat configs that register the plugin itself", () => {
    expect(configs.recommended?.name).toBe('leakguard/recommended');
    expect(configs['recommended-type-checked']?.name).toBe('leakguard/recommended-type-checked');
    expect(Object.keys(configs).sort()).toEqual(['recommended', 'recommended-type-checked']);
    for (const [name, config] of Object.entries(configs)) {
      expect(config?.plugins?.leakguard, `configs.${name}`).toBe(plugin);
      for (const ruleId of Object.keys(config?.rules ?? {})) {
        expect(ruleId, `configs.${name}`).toMatch(/^leakguard\//u);
        expect(ruleNames, `configs.${name} names ${ruleId}`).toContain(ruleId.slice('leakguard/'.length));
      }
    }
  });

  it("configs['recommended-type-checked'] is configs.recommended plus the rules that need type information", () => {
    const typeAware = rules.filter(([, rule]) => rule.meta.docs?.requiresTypeChecking === true).map(([name]) => `leakguard/${name}`);
    expect(typeAware.length).toBeGreaterThan(0);
    expect(configs['recommended-type-checked']?.rules).toEqual({
      ...configs.recommended?.rules,
      ...Object.fromEntries(typeAware.map((ruleId) => [ruleId, 'error'])),
    });
    for (const ruleId of typeAware) expect(configs.recommended?.rules?.[ruleId], `configs.recommended names ${ruleId}`).toBeUndefined();
  });
});

describe.each(rules)('rule %s', (name, rule) => {
  const docs = rule.meta.docs;
  const typeAware = docs?.requiresTypeChecking === true;

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

  it('is listed as an error in the configs its needs for type information call for', () => {
    const ruleId = `leakguard/${name}`;
    expect(docs?.recommended).toBe(true);
    // Every recommended rule is in recommended-type-checked; only those without type information in recommended.
    expect(configs['recommended-type-checked']?.rules?.[ruleId]).toBe('error');
    expect(configs.recommended?.rules?.[ruleId]).toBe(typeAware ? undefined : 'error');
  });

  it('asks for type information exactly when it says it needs it (requiresTypeChecking)', () => {
    // The type-aware rules reach the type checker through one helper, typedSourceFile.
    const source = readFileSync(`${root}src/rules/${name}.ts`, 'utf8');
    expect(/\btypedSourceFile\(|\bgetParserServices\(/u.test(source)).toBe(typeAware);
  });

  it('says where it is listed and whether it needs type information, in its doc and in the README table', () => {
    const badges = readFileSync(`${root}docs/rules/${name}.md`, 'utf8').split('\n')[4] ?? '';
    expect(badges).toContain(typeAware ? "💼 In `leakguard.configs['recommended-type-checked']` (as an error)" : '💼 In `leakguard.configs.recommended` (as an error)');
    expect(badges).toContain(typeAware ? '💭 Needs type information' : 'Needs no type information');
    const row = readme.split('\n').find((line) => line.startsWith(`| [\`${name}\`](docs/rules/${name}.md) |`));
    expect(row, `README row of ${name}`).toBeDefined();
    expect(row?.split('|').map((cell) => cell.trim())[5]).toBe(typeAware ? '✅' : '');
  });

  it('has a doc that opens with its name and its description', () => {
    const [heading, blank, summary] = readFileSync(`${root}docs/rules/${name}.md`, 'utf8').split('\n');
    expect(heading).toBe(`# leakguard/${name}`);
    expect(blank).toBe('');
    expect(summary).toBe(`${docs?.description ?? ''}.`);
  });
});
