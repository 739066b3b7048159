/**
 * The Dynamics section in headless Chromium (the production build):
 *   1. the (n, s) maps at 20 × 10 cells for N = 64, both on screen as on the page and each alone
 *      (an embed): time from the section's first render to the first draw covering the pad (the
 *      coarsest level) and to full resolution, with the longest main-thread task meanwhile;
 *   2. one training run (the default network on wasm) whose steps per second are measured in
 *      alternating phases with the Dynamics section off screen (the Train section in view) and on
 *      screen (every Dynamics figure in view): the first "on" phase includes computing both maps,
 *      the second is the steady state (maps cached, the run's analyses following its weights);
 *      with the longest main-thread task of each phase and what λ₁ costs the training worker.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { LYAPUNOV_EVERY_MS } from '../../src/engine/analysisCadence';

export interface MapTiming {
  map: 'gradmap' | 'mimap';
  /** Both maps on screen (the section) or this one alone (an embed). */
  setting: 'section' | 'alone';
  firstDrawMs: number;
  fullMs: number;
  longestTaskMs: number;
}

export interface Phase {
  dynamics: 'off screen' | 'on screen';
  seconds: number;
  steps: number;
  stepsPerSec: number;
  /** Share of the phase the main thread spent in tasks. */
  mainThreadBusy: number;
  longestTaskMs: number;
  longTasks: number;
}

export interface TrainingRatio {
  hash: string;
  backend: string;
  phases: Phase[];
  /** On-screen phase over the mean of the off-screen phases around it. */
  ratioWhileMapsCompute: number;
  ratioSteady: number;
  lyapunov: { estimates: number; meanMs: number; everyMs: number; shareOfTraining: number };
}

/** Records long tasks from now on; run in the page. */
function observeLongTasks(): void {
  const w = window as unknown as { __long: { start: number; duration: number }[] };
  w.__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
}

async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate((t) => (window as unknown as { __long: { start: number; duration: number }[] }).__long.filter((e) => e.start >= t).map((e) => e.duration), since);
}

const now = (page: Page) => page.evaluate(() => performance.now());

/** When each map's layer first has all its cells (the coarse draw) and when it is complete, in page time. */
async function watchMaps(page: Page, maps: string[]): Promise<Record<string, { first: number; full: number }>> {
  await page.waitForFunction(
    (names) => {
      const w = window as unknown as { __maps?: Record<string, { first: number; full: number }> };
      w.__maps ??= {};
      for (const m of names) {
        const rec = (w.__maps[m] ??= { first: NaN, full: NaN });
        const cells = document.querySelectorAll(`[data-testid=${m}-layer-cells] rect`).length;
        if (Number.isNaN(rec.first) && cells === 200) rec.first = performance.now();
        if (Number.isNaN(rec.full) && document.querySelector(`[data-testid=${m}-progress]`)?.getAttribute('data-complete') === '1') rec.full = performance.now();
      }
      return names.every((m) => !Number.isNaN(w.__maps![m].full));
    },
    maps,
    { polling: 'raf', timeout: 600_000 },
  );
  return page.evaluate(() => (window as unknown as { __maps: Record<string, { first: number; full: number }> }).__maps);
}

async function mapsOnce(browser: Browser, url: string, hash: string, maps: ('gradmap' | 'mimap')[], setting: MapTiming['setting']): Promise<MapTiming[]> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 4000 } });
  const page = await ctx.newPage();
  await page.goto(`${url}#${hash}`);
  await page.evaluate(observeLongTasks);
  // The figures ask for their maps as soon as they are seen, which is on their first render here.
  await page.waitForSelector(`[data-testid=${maps[0]}-chart]`, { timeout: 60_000 });
  const t0 = await now(page);
  const times = await watchMaps(page, maps);
  const longest = Math.max(0, ...(await longTasksSince(page, t0)));
  await ctx.close();
  return maps.map((m) => ({ map: m, setting, firstDrawMs: times[m].first - t0, fullMs: times[m].full - t0, longestTaskMs: longest }));
}

export async function mapTimings(browser: Browser, url: string): Promise<MapTiming[]> {
  return [
    ...(await mapsOnce(browser, url, 'panels=dynamics&hidden=64', ['gradmap', 'mimap'], 'section')),
    ...(await mapsOnce(browser, url, 'embed=gradmap&hidden=64', ['gradmap'], 'alone')),
    ...(await mapsOnce(browser, url, 'embed=mimap&hidden=64', ['mimap'], 'alone')),
  ];
}

const runStep = () => Number(document.querySelector('[data-testid=dynamics-step]')?.textContent);

/** Main-thread time (s) spent in tasks so far, from the DevTools protocol. */
async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/**
 * Trains `seconds` with the viewport (the same size in every phase) on the Dynamics section, all
 * its figures on screen, or on the top of the page (family and Train sections), the Dynamics
 * section far enough below that its figures hold still and compute nothing.
 */
async function phase(page: Page, cdp: CDPSession, dynamics: Phase['dynamics'], seconds: number): Promise<Phase> {
  if (dynamics === 'on screen') await page.locator('[data-testid=section-dynamics]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  const t0 = await now(page);
  const s0 = await page.evaluate(runStep);
  const busy0 = await taskSeconds(cdp);
  await page.waitForFunction((until) => performance.now() >= until, t0 + seconds * 1000, { polling: 500, timeout: (seconds + 60) * 1000 });
  const t1 = await now(page);
  const s1 = await page.evaluate(runStep);
  const busy = (await taskSeconds(cdp)) - busy0;
  const long = await longTasksSince(page, t0);
  const elapsed = (t1 - t0) / 1000;
  return { dynamics, seconds: elapsed, steps: s1 - s0, stepsPerSec: (s1 - s0) / elapsed, mainThreadBusy: busy / elapsed, longestTaskMs: Math.max(0, ...long), longTasks: long.filter((d) => d > 50).length };
}

export async function trainingRatio(browser: Browser, url: string, seconds: number): Promise<TrainingRatio> {
  const hash = 'panels=family,train,dynamics&backend=wasm';
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${url}#${hash}`);
  await page.waitForSelector('[data-testid=train-play]');
  await page.waitForSelector('[data-testid=dynamics-panel]');
  // One viewport for every phase, as tall as the Dynamics section; the sections above must be
  // taller still (by more than the figures' on-screen margin) for "off screen" to hold (the page is at its top).
  const dyn = await page.locator('[data-testid=section-dynamics]').evaluate((el) => el.getBoundingClientRect());
  const height = Math.ceil(dyn.height) + 40;
  if (dyn.top < height + 400) throw new Error(`the sections above the Dynamics section (${Math.round(dyn.top)} px) are too short to hide it from a ${height} px viewport`);
  await page.setViewportSize({ width: 1280, height });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate(observeLongTasks);
  await page.click('[data-testid=train-play]');
  await page.waitForFunction((k) => Number(document.querySelector('[data-testid=dynamics-step]')?.textContent) >= k, 30, { timeout: 180_000 });
  const phases: Phase[] = [];
  for (const d of ['off screen', 'on screen', 'off screen', 'on screen'] as const) phases.push(await phase(page, cdp, d, seconds));
  const backend = (await page.locator('[data-testid=status-backend]').first().textContent())?.trim() ?? '';
  // What λ₁ cost the training worker: the estimates of the whole run.
  await page.locator('[data-testid=figure-lyapunov]').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=lyapunov-svg]')?.getAttribute('data-points')) > 0);
  const estimates = Number(await page.getAttribute('[data-testid=lyapunov-svg]', 'data-points'));
  const meanMs = Number(await page.getAttribute('[data-testid=lyapunov-svg]', 'data-ms-mean'));
  const trainingSeconds = phases.reduce((a, p) => a + p.seconds, 0);
  await ctx.close();
  const [c1, o1, c2, o2] = phases.map((p) => p.stepsPerSec);
  return {
    hash,
    backend,
    phases,
    ratioWhileMapsCompute: o1 / ((c1 + c2) / 2),
    ratioSteady: o2 / c2,
    lyapunov: { estimates, meanMs, everyMs: LYAPUNOV_EVERY_MS, shareOfTraining: (estimates * meanMs) / (trainingSeconds * 1000) },
  };
}
