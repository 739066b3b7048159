/** The "Page" section of BENCHMARKS.md, rewritten in place by each run of the page benchmark. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LongEntry, TrainingResult } from './training';
import { LONG_TASK_MS, UPDATE_BUDGET_P95_MS } from './training';
import type { moveStats } from './moves';
import { MOVE_BUDGET_P95_MS } from './moves';
import { LANDSCAPE_BUDGET_MS, type LandscapeDraw } from './landscape';

export const JS_BUDGET_KB = 150;
export const FIRST_CURVE_BUDGET_MS = 500;

export interface PageResult {
  date: string;
  machine: { cores: number; cpu: string; memory: string; chromium: string };
  firstPaintJs: { files: { file: string; gzip: number }[]; gzipKB: number; containsTfjs: boolean };
  firstCurve: { runsMs: number[]; medianMs: number };
  sliderMove: ReturnType<typeof moveStats>;
  padMove: ReturnType<typeof moveStats>;
  familyAlone: { sliderMove: ReturnType<typeof moveStats>; padMove: ReturnType<typeof moveStats> };
  training: TrainingResult[];
  landscape: LandscapeDraw[];
  loadAverage: number[];
}

const ok = (v: number, b: number) => (v <= b ? 'within' : '**over**');

/** "; scripts in them: …" naming the scripts that took the most time across long frames. */
function loafNote(frames: LongEntry[]): string {
  const total = new Map<string, number>();
  for (const f of frames) for (const sc of f.scripts ?? []) total.set(sc.invoker, (total.get(sc.invoker) ?? 0) + sc.duration);
  const top = [...total].sort((a, b) => b[1] - a[1]).slice(0, 2);
  return top.length ? ` (scripts in them, total: ${top.map(([k, v]) => `${k.replace(/\|/g, '/')} ${v} ms`).join('; ')})` : ' (no script in them)';
}

function trainingRows(t: TrainingResult): string[] {
  const what = `${t.runs > 1 ? `${t.runs} runs side by side` : 'default network'}, ${t.width} px wide, every figure on screen (\`#${t.hash}\`)`;
  return [
    `| Scripting per figure update, ${what}: ${t.updates} updates in ${t.seconds} s (${t.backend}, ${t.stepsPerSec} steps/s${t.runs > 1 ? ' all runs together' : ''}) | median ${t.medianMs} ms, p95 ${t.p95Ms} ms, max ${t.maxMs} ms | p95 ≤ ${UPDATE_BUDGET_P95_MS} ms (${ok(t.p95Ms, UPDATE_BUDGET_P95_MS)}) |`,
    `| Main-thread tasks over ${LONG_TASK_MS} ms during those ${t.seconds} s | ${t.longTasks.length} (longest ${t.longestTaskMs} ms); ${t.longAnimationFrames.length} long animation frames${loafNote(t.longAnimationFrames)} | 0 (${t.longTasks.length === 0 ? 'within' : '**over**'}) |`,
    `| The next ${t.trace.seconds} s, traced (DevTools, 'toplevel'): main-thread tasks over ${LONG_TASK_MS} ms of wall time, and over ${LONG_TASK_MS} ms of the main thread's own (CPU) time | ${t.trace.overWall} of ${t.trace.tasks} by wall time (longest ${t.trace.longestWallMs} ms); ${t.trace.overThread} by thread time (longest ${t.trace.longestThreadMs} ms) | — |`,
  ];
}

/** Three runs side by side against one alone: what sharing the worker costs each. */
function comparisonRow(training: TrainingResult[]): string[] {
  const one = training.find((t) => t.runs === 1 && t.width === 1440);
  const many = training.find((t) => t.runs > 1);
  if (!one || !many) return [];
  return [`| Steps/s of ${many.runs} runs side by side (Compare, lockstep) against one run alone, same network and backend | ${many.stepsPerSec} together (${Math.round((many.stepsPerSec / many.runs) * 10) / 10} each) against ${one.stepsPerSec} alone: ×${Math.round((many.stepsPerSec / one.stepsPerSec) * 100) / 100} | — |`];
}

export function pageMarkdown(r: PageResult): string {
  const moveRow = (what: string, m: ReturnType<typeof moveStats>, where: string) =>
    `| ${what}, ${m.count} moves, ${where} | median ${m.medianMs} ms, p95 ${m.p95Ms} ms, max ${m.maxMs} ms; ${m.longAnimationFrames} long frames | p95 ≤ ${MOVE_BUDGET_P95_MS} ms (${ok(m.p95Ms, MOVE_BUDGET_P95_MS)}) |`;
  return [
    '## Page',
    '',
    `Measured by \`npm run bench:page\` (scripts/bench-page.ts) on ${r.date.slice(0, 10)}: production build served on`,
    `loopback, headless Chromium ${r.machine.chromium}, ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memory} RAM, no GPU;`,
    `load average during the run ${r.loadAverage.join(' / ')} (1 / 5 / 15 min). Raw numbers: bench/page.json.`,
    '',
    '| What | Measured | Budget |',
    '|---|---|---|',
    `| JavaScript loaded before the first curve (gzip -9, ${r.firstPaintJs.files.length} files) | ${r.firstPaintJs.gzipKB} KB, tfjs: ${r.firstPaintJs.containsTfjs ? '**yes**' : 'none'} | ≤ ${JS_BUDGET_KB} KB (${ok(r.firstPaintJs.gzipKB, JS_BUDGET_KB)}) |`,
    `| Navigation → first γ curve painted, median of ${r.firstCurve.runsMs.length} cold loads | ${r.firstCurve.medianMs} ms (runs: ${r.firstCurve.runsMs.join(', ')}) | ≤ ${FIRST_CURVE_BUDGET_MS} ms (${ok(r.firstCurve.medianMs, FIRST_CURVE_BUDGET_MS)}) |`,
    moveRow('Slider move (input → render → layout)', r.sliderMove, 'whole page'),
    moveRow('Pad drag move (pointermove → render → layout)', r.padMove, 'whole page'),
    moveRow('Slider move', r.familyAlone.sliderMove, 'family section alone, `#panels=family`'),
    moveRow('Pad drag move', r.familyAlone.padMove, 'family section alone, `#panels=family`'),
    ...r.training.flatMap(trainingRows),
    ...comparisonRow(r.training),
    ...r.landscape.map((l) => `| Landscape of ${l.task}: file in hand → heat map cells in the page (\`performance.measure('landscape-draw')\`), median of ${l.runsMs.length} cold loads, after a fetch of ${l.fetchMs} ms | ${l.drawMs} ms (runs: ${l.runsMs.join(', ')}) | ≤ ${LANDSCAPE_BUDGET_MS} ms (${ok(l.drawMs, LANDSCAPE_BUDGET_MS)}) |`),
    '',
    'Moves are real mouse input from playwright with all three derivative overlays and the landmark ghosts',
    'drawn (the heaviest γ chart). Per move the time runs from the event reaching the window (capture) to',
    'a task queued after the app’s handlers and React’s render, which forces style and layout; paint is not',
    'included. “Long frames” counts long-animation-frame entries (> 50 ms) seen during the moves.',
    'The whole-page rows include every other section that follows n and s as they move; the family-alone',
    'rows isolate the family section. The machine is shared, so the load average above says how much the',
    'timings are inflated.',
    'The training rows train at full speed with a viewport as tall as the page, so every figure is on',
    'screen and updating. Figures update on one clock (≤ 10 times per second), in tasks queued by animation',
    'frames, as many figures per frame as fit in 4 ms of scripting and at least one; one update is one',
    'figure’s render, commit and canvas redraw, timed by the page itself',
    '(`performance.measure(\'figures-update\')`). Long tasks and long animation frames come from',
    'PerformanceObserver; bench/page.json lists each with the scripts that ran in it (“?” is the browser’s',
    'own work: style, layout, paint and the worker competing for the two cores).',
    'PerformanceObserver measures wall time. The traced rows separate the two causes of a long task: the',
    'main thread’s own time (CPU time of the task: the page’s scripts, style, layout and paint) against the',
    'time the operating system gave the core to other threads meanwhile (the training worker, raster and',
    'compositor threads; on this machine also other virtual machines). A task over 50 ms of wall time with',
    'well under 50 ms of thread time was waiting for a core, not working.',
    '',
  ].join('\n');
}

export function writeBenchmarksSection(markdown: string, heading = '## Page'): void {
  const file = 'BENCHMARKS.md';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = old.indexOf(`\n${heading}\n`);
  let next: string;
  if (start < 0) {
    next = `${old.trimEnd()}\n\n${markdown}`;
  } else {
    const after = old.indexOf('\n## ', start + 1);
    next = old.slice(0, start + 1) + markdown + (after < 0 ? '' : `\n${old.slice(after + 1)}`);
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}
