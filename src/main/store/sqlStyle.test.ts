/**
 * SQL style (DESIGN.md §2): statements bind named parameters (`@name` with an object), never
 * positional `?` placeholders, so a statement reads on its own and a reordered column cannot bind
 * the wrong value. Scans the string and template literals of src/main (tests excluded) and bench/
 * with the TypeScript parser, so `a ? b : c` and `x?.y` in code never count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(__dirname, '..', '..', '..');
const SCANNED = ['src/main', 'bench'];

/**
 * Handlers that still hold SQL (issue 13: handlers hold no SQL); their statements move into the
 * area's repository with named parameters, and then they leave this list.
 */
const PENDING_REFACTOR: readonly string[] = [
  'src/main/cases/handlers.ts',
];

/**
 * The hot import path's marked exceptions (src/main/ingest/README.md): the writer thread's
 * multi-row activity insert binds its values as positional arguments (`run(...values)`), because
 * better-sqlite3 reads a named object's properties one V8 lookup at a time, the writer thread's
 * largest cost. Each entry is one literal, by file and exact text.
 */
const HOT_PATH_POSITIONAL: readonly { file: string; literal: string }[] = [
  { file: 'src/main/ingest/activityWriter.ts', literal: "'?'" },
];

/** Whole-word upper-case SQL keywords: a literal containing one is SQL (or a piece of it). */
const SQL_KEYWORD =
  /\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|WHERE|VALUES|INTO|FROM|JOIN|SET|AND|OR|NOT|IN|IS|LIKE|GLOB|BETWEEN|CASE|WHEN|LIMIT|OFFSET|HAVING|ORDER BY|GROUP BY|RETURNING|CONFLICT|ATTACH|PRAGMA)\b/;

/** A fragment made only of placeholders, commas and brackets (`'?'`, `'?, ?'`, `'(?)'`): an IN-list or VALUES builder. */
const PLACEHOLDER_FRAGMENT = /^[\s?,()\d]*\?[\s?,()\d]*$/;

/**
 * True when a placeholder fragment is used to build a list: it has a comma, or it is what an arrow
 * function returns (`ids.map(() => '?')`), an array element, or the argument of fill/repeat/concat.
 * A lone '?' searched for or substituted (`url.indexOf('?')`, `replace(re, '?')`) is not SQL.
 */
function buildsPlaceholderList(node: ts.Node, text: string): boolean {
  if (text.includes(',')) return true;
  const parent = node.parent;
  if (ts.isArrowFunction(parent) || ts.isArrayLiteralExpression(parent)) return true;
  return (
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    ['fill', 'repeat', 'concat'].includes(parent.expression.name.text)
  );
}

/** A positional placeholder found in a literal. */
interface Finding {
  file: string;
  line: number;
  literal: string;
}

/**
 * Offsets of positional placeholders (`?`, `?NNN`) in SQL text, skipping '…' strings, "…"/`…`/[…]
 * identifiers and comments. `\u0000` stands for an interpolated `${…}` expression.
 */
function positionalPlaceholders(sql: string): number[] {
  const found: number[] = [];
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    const closing = char === "'" ? "'" : char === '"' ? '"' : char === '`' ? '`' : char === '[' ? ']' : null;
    if (closing) {
      const end = sql.indexOf(closing, index + 1);
      index = end < 0 ? sql.length : end + 1; // a doubled quote is two adjacent strings: same result
    } else if (char === '-' && sql[index + 1] === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
    } else if (char === '/' && sql[index + 1] === '*') {
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 2;
    } else {
      if (char === '?') found.push(index);
      index += 1;
    }
  }
  return found;
}

/** Positional placeholders in the SQL-looking string and template literals of one TypeScript source. */
function findPositionalSql(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string, offset: number): void => {
    const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    const line = start + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
    findings.push({ file, line, literal: node.getText(sourceFile) });
  };
  const check = (node: ts.Node, text: string): void => {
    if (PLACEHOLDER_FRAGMENT.test(text)) {
      if (buildsPlaceholderList(node, text)) report(node, text, text.indexOf('?'));
      return;
    }
    if (!SQL_KEYWORD.test(text)) return;
    const [first] = positionalPlaceholders(text);
    if (first !== undefined) report(node, text, first);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node))
      check(node, node.head.text + node.templateSpans.map((span) => '\u0000' + span.literal.text).join(''));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

/** Every non-test .ts file below a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('SQL uses named parameters', () => {
  it('finds no positional placeholder outside the marked exceptions', () => {
    const files = SCANNED.flatMap((folder) => sourceFiles(join(repoRoot, folder)));
    expect(files.length).toBeGreaterThan(50);
    const findings = files.flatMap((path) => {
      const file = relative(repoRoot, path).split('\\').join('/');
      if (PENDING_REFACTOR.includes(file)) return [];
      return findPositionalSql(file, readFileSync(path, 'utf8')).filter(
        (finding) => !HOT_PATH_POSITIONAL.some((allowed) => allowed.file === file && allowed.literal === finding.literal),
      );
    });
    expect(findings.map(({ file, line, literal }) => `${file}:${line}: ${literal.slice(0, 100)}`)).toEqual([]);
  });

  it('keeps every hot-path exception in use, so the list cannot go stale', () => {
    for (const { file, literal } of HOT_PATH_POSITIONAL) {
      const findings = findPositionalSql(file, readFileSync(join(repoRoot, file), 'utf8'));
      expect(findings.map((finding) => finding.literal)).toContain(literal);
    }
  });

  it('flags positional placeholders in SQL literals, naming the line', () => {
    const source = [
      "const a = db.prepare('SELECT * FROM t WHERE id = ?').get(id);",
      'const b = db.prepare(`UPDATE t',
      '  SET name = ?1',
      '  WHERE id = ${column}`);',
      "const c = `DELETE FROM t WHERE id IN (${ids.map(() => '?').join(',')})`;",
      "const d = 'AND kind = ?';",
      "const e = new Array(rows.length).fill('(?, ?)').join(', ');",
      "db.prepare('ATTACH DATABASE ? AS stage').run(path);",
    ].join('\n');
    expect(findPositionalSql('fixture.ts', source)).toEqual([
      { file: 'fixture.ts', line: 1, literal: "'SELECT * FROM t WHERE id = ?'" },
      { file: 'fixture.ts', line: 3, literal: expect.stringContaining('SET name = ?1') },
      { file: 'fixture.ts', line: 5, literal: "'?'" },
      { file: 'fixture.ts', line: 6, literal: "'AND kind = ?'" },
      { file: 'fixture.ts', line: 7, literal: "'(?, ?)'" },
      { file: 'fixture.ts', line: 8, literal: "'ATTACH DATABASE ? AS stage'" },
    ]);
  });

  it('does not flag named parameters, quoted question marks or TypeScript operators', () => {
    const source = [
      "const a = db.prepare('SELECT * FROM t WHERE id = @id').get({ id });",
      `const b = db.prepare("SELECT * FROM t WHERE note = '?' AND name = \\"a?\\" -- why?\\n").all();`,
      'const c = flag ? db.prepare(`SELECT * FROM t /* ? */ WHERE id IN (SELECT value FROM json_each(@ids))`) : null;',
      'const d = row?.id ?? other?.[0];',
      "const e = 'Is this a question? Yes';",
      'const f = /a?b/.test(text) ? 1 : 2;',
      "const g = url.indexOf('?') < 0 ? url : url.replace(/[^a-z]/g, '?');",
    ].join('\n');
    expect(findPositionalSql('fixture.ts', source)).toEqual([]);
  });
});
