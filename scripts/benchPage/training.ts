/**
 * The page while a network trains: the default network at full speed for a fixed time, with every
 * figure of the page on screen (the viewport is as tall as the page, so no figure holds still for
 * being scrolled away). Records each figure update's scripting (the page's 'figures-update'
 * measures: one figure's render, commit and effects) and every long task and long animation frame
 * with the scripts that ran in it.
 */
import type { Browser } from 'playwright-core';
import { quantile, round } from './stats';
import { traceMainThread, type ThreadTimes } from './threadTime';

export const LONG_TASK_MS = 50;
export const UPDATE_BUDGET_P95_MS = 8;
/** Length of the traced interval after the measured one. */
const TRACE_SECONDS = 15;

export interface LongEntry {
  start: number;
  duration: number;
  /** Long animation frames: the scripts that ran in them (longest first) and forced layout time. */
  scripts?: { source: string; invoker: string; duration: number }[];
  forcedLayoutMs?: number;
  blockingMs?: number;
}

export interface TrainingResult {
  width: number;
  height: number;
  hash: string;
  seconds: number;
  updates: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Per figure: updates, p95 and longest (ms). */
  figures: Record<string, { updates: number; p95Ms: number; maxMs: number }>;
  /** All runs together. */
  stepsPerSec: number;
  backend: string;
  runs: number;
  longTasks: { start: number; duration: number }[];
  longestTaskMs: number;
  longAnimationFrames: LongEntry[];
  /** The same interval's main-thread tasks from a DevTools trace: wall time against thread time. */
  trace: ThreadTimes;
}

interface Recorded {
  upd: number[];
  byName: Record<string, number[]>;
  long: LongEntry[];
  loaf: LongEntry[];
}

/** Installed in the page: observers that record only while `__on` is set. */
function observe(): void {
  const w = window as unknown as { __rec: Recorded; __on: boolean };
  w.__rec = { upd: [], byName: {}, long: [], loaf: [] };
  w.__on = false;
  new PerformanceObserver((l) => {
    if (!w.__on) return;
    for (const e of l.getEntries()) {
      if (e.name !== 'figures-update') continue;
      w.__rec.upd.push(e.duration);
      const name = String((e as PerformanceMeasure).detail);
      (w.__rec.byName[name] ??= []).push(e.duration);
    }
  }).observe({ type: 'measure' });
  new PerformanceObserver((l) => {
    if (w.__on) for (const e of l.getEntries()) w.__rec.long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  new PerformanceObserver((l) => {
    if (!w.__on) return;
    for (const e of l.getEntries()) {
      // PerformanceLongAnimationFrameTiming is not in TypeScript's DOM types yet.
      const f = e as PerformanceEntry & { blockingDuration: number; scripts: { sourceURL: string; sourceFunctionName: string; invoker: string; duration: number; forcedStyleAndLayoutDuration: number }[] };
      w.__rec.loaf.push({
        start: f.startTime,
        duration: f.duration,
        blockingMs: f.blockingDuration,
        forcedLayoutMs: f.scripts.reduce((a, sc) => a + sc.forcedStyleAndLayoutDuration, 0),
        scripts: f.scripts
          .map((sc) => ({ source: `${sc.sourceFunctionName || '?'} ${sc.sourceURL.split('/').pop() ?? ''}`, invoker: sc.invoker, duration: Math.round(sc.duration) }))
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3),
      });
    }
  }).observe({ type: 'long-animation-frame' });
}

/** Every run's step (one status-step per run on the page); run in the page. */
const runSteps = () => Array.from(document.querySelectorAll('[data-testid=status-step]'), (e) => Number(e.textContent));

/**
 * Trains for `seconds` after the first `warmSteps` steps. `hash` picks the page state (the default
 * network on the full page; a comparison of several runs); `play` is the button that starts it.
 */
export async function trainingUpdates(browser: Browser, url: string, opts: { width: number; seconds: number; hash?: string; play?: string; warmSteps?: number }): Promise<TrainingResult> {
  const { width, seconds, hash = 'panels=family,train', play = 'train-play', warmSteps = 20 } = opts;
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${url}#${hash}`);
  await page.waitForSelector(`[data-testid=${play}]`);
  // Every figure on screen: a viewport as tall as the whole page.
  const height = await page.evaluate(() => document.documentElement.scrollHeight + 200);
  await page.setViewportSize({ width, height });
  await page.evaluate(observe);
  await page.click(`[data-testid=${play}]`);
  // Backend choice, data loading and the first evaluation come before steady training.
  await page.waitForFunction(
    (k) => Array.from(document.querySelectorAll('[data-testid=status-step]'), (e) => Number(e.textContent)).every((s) => s >= k),
    warmSteps,
    { timeout: 180_000 },
  );
  const total = async () => (await page.evaluate(runSteps)).reduce((a, b) => a + b, 0);
  const step0 = await total();
  const t0 = Date.now();
  await page.evaluate(() => ((window as unknown as { __on: boolean }).__on = true));
  await page.waitForFunction((until) => Date.now() >= until, t0 + seconds * 1000, { timeout: (seconds + 60) * 1000, polling: 1000 });
  const r = await page.evaluate(() => {
    const w = window as unknown as { __rec: Recorded; __on: boolean };
    w.__on = false;
    return w.__rec;
  });
  const elapsed = (Date.now() - t0) / 1000;
  const steps = (await total()) - step0;
  // Then a shorter traced interval, apart, so the tracing's own cost stays out of the numbers above.
  const stopTrace = await traceMainThread(page, LONG_TASK_MS);
  await page.waitForFunction((until) => Date.now() >= until, Date.now() + TRACE_SECONDS * 1000, { timeout: (TRACE_SECONDS + 60) * 1000, polling: 1000 });
  const trace = await stopTrace();
  const runs = await page.locator('[data-testid=status-step]').count();
  const backend = (await page.locator('[data-testid=status-backend]').first().textContent())?.trim() ?? '';
  await ctx.close();
  return {
    width,
    height,
    hash,
    seconds: round(elapsed),
    updates: r.upd.length,
    medianMs: round(quantile(r.upd, 0.5), 2),
    p95Ms: round(quantile(r.upd, 0.95), 2),
    maxMs: round(Math.max(...r.upd), 2),
    figures: Object.fromEntries(Object.entries(r.byName).map(([k, v]) => [k, { updates: v.length, p95Ms: round(quantile(v, 0.95), 2), maxMs: round(Math.max(...v), 2) }])),
    stepsPerSec: round(steps / elapsed),
    backend,
    runs,
    longTasks: r.long.map((e) => ({ start: round(e.start), duration: round(e.duration) })),
    longestTaskMs: r.long.length ? round(Math.max(...r.long.map((e) => e.duration))) : 0,
    longAnimationFrames: r.loaf.map((e) => ({ ...e, start: round(e.start), duration: round(e.duration), forcedLayoutMs: round(e.forcedLayoutMs ?? 0), blockingMs: round(e.blockingMs ?? 0) })),
    trace,
  };
}
