/**
 * The architecture's import rules, checked on the source: core/ is pure (no DOM, React, engine or
 * page code), charts use no engine code at run time and no run history internals, React and D3
 * stay in charts/ and panels/ (and the app shell), and the page never loads tfjs: only the worker does.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, reachable, ROOT, sourceFiles } from './importGraph';

const rel = (f: string) => relative(ROOT, f);

describe('import rules', () => {
  it('core/ imports no DOM, React, tfjs backends, engine, state store or page code, and touches no DOM global', () => {
    const bad: string[] = [];
    for (const f of sourceFiles('core')) {
      for (const e of importsOf(f)) {
        if (e.typeOnly) continue;
        if (/^(react|react-dom)$/.test(e.to) || /^src\/(engine|panels|charts|app)\//.test(e.to) || /^src\/state\/(store|runStore|runController)/.test(e.to)) bad.push(`${rel(f)} → ${e.to}`);
        if (/^@tensorflow\/tfjs-backend/.test(e.to)) bad.push(`${rel(f)} → ${e.to}`);
      }
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const g of ['document.', 'window.', 'localStorage', 'requestAnimationFrame', 'HTMLElement']) if (code.includes(g)) bad.push(`${rel(f)} uses ${g}`);
    }
    expect(bad).toEqual([]);
  });

  it('charts/ import no engine code at run time and no run history internals', () => {
    const bad: string[] = [];
    for (const f of sourceFiles('charts')) {
      for (const e of importsOf(f)) {
        if (e.to.startsWith('src/engine/') && !e.typeOnly) bad.push(`${rel(f)} → ${e.to}`);
        if (/^src\/state\/(runHistory|runStore|runController)\.ts$/.test(e.to)) bad.push(`${rel(f)} → ${e.to}`);
        if (/^@tensorflow\//.test(e.to)) bad.push(`${rel(f)} → ${e.to}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('React and D3 are used only in charts/, panels/ and the app shell; only engine/ and core/ import tfjs', () => {
    const bad: string[] = [];
    for (const folder of ['core', 'engine', 'state']) {
      for (const f of sourceFiles(folder)) {
        for (const e of importsOf(f)) {
          if (e.typeOnly) continue;
          if (/^(react|react-dom)$/.test(e.to) || (/^d3(-selection|-transition)?$/.test(e.to) && folder !== 'core')) bad.push(`${rel(f)} → ${e.to}`);
        }
      }
    }
    for (const folder of ['state', 'charts', 'panels', 'app']) {
      for (const f of sourceFiles(folder)) for (const e of importsOf(f)) if (!e.typeOnly && e.to.startsWith('@tensorflow/')) bad.push(`${rel(f)} → ${e.to}`);
    }
    expect(bad).toEqual([]);
  });

  it('the page’s import graph, lazy sections included, never reaches tfjs', () => {
    const { files, packages } = reachable('src/app/main.tsx');
    // It does reach the sections and the run controller (the graph is followed, not cut short)…
    expect([...files]).toEqual(expect.arrayContaining(['src/panels/TrainPanel.tsx', 'src/panels/ComparePanel.tsx', 'src/engine/client.ts']));
    // …but never a tfjs package: the training worker is started with new Worker(new URL(…)).
    const tf = [...packages].filter(([p]) => p.startsWith('@tensorflow/')).map(([p, from]) => `${p} (from ${from})`);
    expect(tf).toEqual([]);
  });
});
