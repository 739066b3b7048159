/**
 * The project's import graph, read with the TypeScript parser: for each source file, what it
 * imports at run time (type-only imports and `import type` specifiers left out) — static imports,
 * re-exports and dynamic import() — resolved to files, or kept as package names.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(__dirname, '..', '..');

export interface Edge {
  /** A project file (relative to the root) or a package name. */
  to: string;
  kind: 'static' | 'dynamic';
  typeOnly: boolean;
}

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand;
  }
  return null;
}

/** Package name of a bare specifier ('@tensorflow/tfjs-core/dist/x' → '@tensorflow/tfjs-core'). */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Edge[] = [];
  const add = (spec: string, kind: Edge['kind'], typeOnly: boolean) => {
    if (spec.startsWith('.')) {
      const f = resolveFile(file, spec);
      if (f) out.push({ to: relative(ROOT, f), kind, typeOnly });
    } else out.push({ to: packageOf(spec), kind, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      // `import type {…}`, or every named specifier marked `type` with no default import.
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, 'static', typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, 'static', node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, 'dynamic', false);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** Every .ts / .tsx file under a folder of src/. */
export function sourceFiles(folder: string): string[] {
  const dir = join(ROOT, 'src', folder);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Everything reachable at run time from `entry` through static and dynamic imports. Workers are
 * started with `new Worker(new URL(…))`, which is not an import: their code stays out of the graph.
 */
export function reachable(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [relative(ROOT, resolve(ROOT, entry))];
  while (queue.length) {
    const f = queue.pop() as string;
    if (files.has(f)) continue;
    files.add(f);
    for (const e of importsOf(join(ROOT, f))) {
      if (e.typeOnly) continue;
      if (/\.(ts|tsx)$/.test(e.to)) queue.push(e.to);
      else if (!e.to.endsWith('.css') && !packages.has(e.to)) packages.set(e.to, f);
    }
  }
  return { files, packages };
}
