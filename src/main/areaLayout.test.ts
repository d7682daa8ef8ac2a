/**
 * One folder per contract area (issue 13, src/main/README.md): every area `x` of the contract is
 * declared by src/shared/contract/x.ts alone and served by src/main/x/handlers.ts alone, which is
 * the module backend.ts wires it from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../shared/contract';
import type { BackendContext } from './context/backendContext';
import { openTestBackend } from './testing/backendFixture';

const repoRoot = resolve(__dirname, '..', '..');
const AREAS = [...new Set(METHOD_NAMES.map((name) => name.split('.')[0]!))].sort();
const methodsOf = (area: string): string[] => METHOD_NAMES.filter((name) => name.startsWith(`${area}.`)).sort();
const parse = (path: string): ts.SourceFile =>
  ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);

/** The factories spread into backend.ts's `handlers` object, with the module each is imported from. */
function wiredFactories(backend: ts.SourceFile): { factory: string; from: string | undefined }[] {
  const importedFrom = new Map<string, string>();
  let handlers: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined;
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements)
        importedFrom.set(element.name.text, ((node as ts.ImportDeclaration).moduleSpecifier as ts.StringLiteral).text);
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'handlers') handlers = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(backend);
  while (handlers && ts.isSatisfiesExpression(handlers)) handlers = handlers.expression;
  if (!handlers || !ts.isObjectLiteralExpression(handlers)) return [];
  return handlers.properties.map((property) => {
    const call = ts.isSpreadAssignment(property) ? property.expression : undefined;
    const factory = call && ts.isCallExpression(call) ? call.expression.getText() : property.getText();
    return { factory, from: importedFrom.get(factory) };
  });
}

/** Every `.ts`/`.tsx` file below a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const test = openTestBackend();
afterAll(() => test.close());

describe('one folder per contract area', () => {
  it('declares each area in src/shared/contract/<area>.ts, and only that area there', async () => {
    expect(AREAS.length).toBeGreaterThan(10);
    for (const area of AREAS) {
      const module = (await import(`../shared/contract/${area}.ts`)) as Record<string, unknown>;
      const declared = Object.values(module)
        .filter((value): value is object => typeof value === 'object' && value !== null)
        .flatMap((value) => Object.entries(value).filter(([, spec]) => typeof spec === 'object' && spec && 'permission' in spec))
        .map(([name]) => name);
      expect(declared.sort(), `src/shared/contract/${area}.ts`).toEqual(methodsOf(area));
    }
  });

  it('wires each area in backend.ts from src/main/<area>/handlers.ts, whose factory serves exactly that area', async () => {
    const wired = wiredFactories(parse(join(repoRoot, 'src/main/backend.ts')));
    expect(wired.map(({ from }) => from).sort()).toEqual(AREAS.map((area) => `./${area}/handlers`));
    for (const { factory, from } of wired) {
      const area = /^\.\/(\w+)\/handlers$/.exec(from!)![1]!;
      const module = (await import(`./${area}/handlers.ts`)) as Record<string, (context: BackendContext) => object>;
      expect(Object.keys(module[factory]!(test.backend.context)).sort(), from).toEqual(methodsOf(area));
    }
  });

  it("types AreaHandlersOf<'x'> nowhere but in src/main/x/handlers.ts", () => {
    const candidates = sourceFiles(join(repoRoot, 'src')).filter((path) => readFileSync(path, 'utf8').includes('AreaHandlersOf'));
    expect(candidates.length).toBeGreaterThan(10);
    const misplaced = candidates.flatMap((path) => {
      const file = relative(repoRoot, path).split('\\').join('/');
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        const [argument] =
          ts.isTypeReferenceNode(node) && node.typeName.getText() === 'AreaHandlersOf' ? (node.typeArguments ?? []) : [];
        if (argument) {
          const area = ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal) ? argument.literal.text : null;
          if (file !== `src/main/${area}/handlers.ts`) found.push(`${file}: ${node.getText()}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(parse(path));
      return found;
    });
    expect(misplaced).toEqual([]);
  });
});
