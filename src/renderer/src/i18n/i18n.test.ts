import { describe, expect, it } from 'vitest';
import { ROLE_GROUPS } from '../../../shared/access';
import { AUDIT_RESULTS, SCOPE_ATTRIBUTES } from '../../../shared/contract';
import { AUDIT_CATEGORIES } from '../../../shared/contract/spec';
import { PAGE_IDS } from '../features/shell/navigation';
import de from './de.json';
import en from './en.json';
import { createI18n } from './index';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [inner, text] of flatten(value, path)) result.set(inner, text);
  }
  return result;
}

const english = flatten(en);
const german = flatten(de);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

/** The renderer's source files (path → text), tests and test helpers excluded; read through Vite. */
const sources = Object.entries(
  import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../test/**'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);

describe('translations', () => {
  it('has every key in both English and German', () => {
    expect([...german.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !german.has(key))).toEqual([]);
  });

  it('has no empty text and the same placeholders in both languages', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(german.get(key)!.trim(), key).not.toBe('');
      expect(placeholders(german.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it('calls the audit log an audit in German, never surveillance ("Überwachung")', () => {
    expect([...german].filter(([, text]) => /überwach/i.test(text)).map(([key]) => key)).toEqual([]);
    expect(german.get('pages.audit.nav')).toBe('Audit');
    expect(german.get('pages.audit.title')).toBe('Prüfprotokoll');
  });

  it('names every page, role group, scope attribute, audit category and result', () => {
    const required = [
      ...PAGE_IDS.flatMap((id) => [`pages.${id}.nav`, `pages.${id}.title`, `pages.${id}.description`]),
      ...ROLE_GROUPS.map((group) => `roleGroups.${group}`),
      ...SCOPE_ATTRIBUTES.map((attribute) => `scopeAttributes.${attribute}`),
      ...AUDIT_CATEGORIES.map((category) => `auditCategories.${category}`),
      ...AUDIT_RESULTS.map((result) => `auditResults.${result}`),
    ];
    expect(required.filter((key) => !english.has(key))).toEqual([]);
  });

  it('resolves every literal t() key used in the source', () => {
    const missing: string[] = [];
    for (const [file, source] of sources) {
      for (const match of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) {
        const key = match[1]!;
        if (!english.has(key) && !english.has(`${key}_one`)) missing.push(`${file}: ${key}`);
      }
    }
    expect(sources.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('renders German plurals and interpolation', () => {
    const i18n = createI18n('de');
    expect(i18n.t('audit.verifiedEntries', { count: 1 })).toBe('1 Eintrag geprüft.');
    expect(i18n.t('audit.verifiedEntries', { count: 3 })).toBe('3 Einträge geprüft.');
    expect(i18n.t('lock.sameAccount', { name: 'nina' })).toBe('Als nina entsperren');
  });
});

describe('user-visible text goes through t()', () => {
  // Text between JSX tags, and the text props users read. Punctuation, symbols and {expressions} are fine.
  const jsxText = />\s*([^<>{}\n]*\p{L}{2,}[^<>{}\n]*?)\s*</gu;
  const textProps = /\b(label|title|placeholder|description|aria-label|alt|tooltip)="([^"]*\p{L}[^"]*)"/gu;

  it('finds no literal text in components', () => {
    const literals: string[] = [];
    for (const [file, source] of sources.filter(([path]) => path.endsWith('.tsx'))) {
      for (const match of source.matchAll(jsxText)) literals.push(`${file}: ${match[1]!.trim()}`);
      for (const match of source.matchAll(textProps)) literals.push(`${file}: ${match[1]}="${match[2]}"`);
    }
    expect(literals).toEqual([]);
  });

  it('would catch a literal', () => {
    expect('<Text size="sm">Delete everything</Text>'.match(jsxText)).not.toBeNull();
    expect('<Button aria-label="Close">'.match(textProps)).not.toBeNull();
    expect('<Text>{t(\'app.name\')}</Text>'.match(jsxText)).toBeNull();
  });
});
