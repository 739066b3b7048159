/**
 * Page benchmark: builds the site (or reuses dist/ with SKIP_BUILD=1), serves it on loopback, and
 * measures in headless Chromium
 *   1. the gzip size of the JavaScript that loads before the first γ curve is painted (no tfjs),
 *   2. navigation → first curve painted (the app's performance mark), median of 5 cold loads,
 *   3. the main-thread work per slider / pad move (input event → render → style and layout), p95
 *      over ~100 real mouse moves each,
 *   4. with a network training at full speed in the worker: the scripting of each update of all
 *      training figures (the page's 'figures-update' measures: render, commit and effects of one
 *      tick of the shared figure clock), p95 over ~200 updates, and the main thread's long tasks and
 *      long animation frames with their script attribution.
 * Prints the numbers, writes bench/page.json and the "Page" section of BENCHMARKS.md.
 * Run: npm run bench:page
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveStatic } from './staticServer';

const MARK = 'gamma-first-curve';
const BUDGET = { jsGzipKB: 150, firstCurveMs: 500, moveP95Ms: 16, updateP95Ms: 8, longTaskMs: 50 };
/** Build folder to serve (BENCH_DIST=dist-x to measure a build of one's own). */
const DIST = process.env.BENCH_DIST ?? 'dist';
/** Figure updates to measure while training. */
const UPDATES = 200;
const LOADS = 5;
const MOVES = 100;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

/** JS files requested before the first curve is painted, with their gzip sizes. */
async function firstPaintScripts(browser: Browser, url: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, MARK);
  // Scripts whose request started before the mark: what the first curve needed.
  const scripts = await page.evaluate((m) => {
    const mark = performance.getEntriesByName(m)[0].startTime;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= mark && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname);
  }, MARK);
  await ctx.close();
  return scripts.map((p) => {
    const body = readFileSync(join(DIST, decodeURIComponent(p)));
    const text = body.toString('utf8');
    return {
      file: p.replace(/^\//, ''),
      bytes: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      tfjs: /@tensorflow|tfjs-core|tfjs-backend/i.test(text),
    };
  });
}

async function firstCurveMs(browser: Browser, url: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(url);
    const t = await page.waitForFunction((m) => performance.getEntriesByName(m)[0]?.startTime, MARK);
    out.push(Number(await t.jsonValue()));
    await ctx.close();
  }
  return out;
}

/**
 * Installs timers around every `type` event: a capture listener on window notes the start; after
 * the app's own handlers (and React's render, which React schedules before our message), a message
 * task forces style and layout and records the elapsed time.
 */
async function installMoveTimer(page: Page, type: string) {
  await page.evaluate((t) => {
    const w = window as unknown as { __moves: number[]; __loaf: number };
    w.__moves = [];
    w.__loaf = 0;
    let start = 0;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      document.body.getBoundingClientRect();
      void document.querySelector('[data-testid=gamma-path]')?.getBoundingClientRect();
      w.__moves.push(performance.now() - start);
    };
    window.addEventListener(t, () => (start = performance.now()), { capture: true });
    window.addEventListener(t, () => ch.port2.postMessage(0));
    try {
      new PerformanceObserver((l) => (w.__loaf += l.getEntries().length)).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      // Older engines lack long-animation-frame; the per-move timings still stand.
    }
  }, type);
}

async function readMoves(page: Page): Promise<{ times: number[]; longFrames: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __moves: number[]; __loaf: number };
    const r = { times: w.__moves.slice(), longFrames: w.__loaf };
    w.__moves = [];
    w.__loaf = 0;
    return r;
  });
}

async function sliderMoves(browser: Browser, url: string, extra: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url + '#n=3&s=0.2&show=dx,dn,ds,ghosts' + extra);
  await page.waitForSelector('[data-testid=gamma-path]');
  await installMoveTimer(page, 'input');
  const times: number[] = [];
  let longFrames = 0;
  for (const id of ['s-slider', 'n-slider']) {
    const el = page.locator('[data-testid=family-panel]').getByTestId(id);
    await el.scrollIntoViewIfNeeded();
    const box = (await el.boundingBox())!;
    const y = box.y + box.height / 2;
    const value = await el.evaluate((e) => Number((e as HTMLInputElement).value) / Number((e as HTMLInputElement).max));
    let x = box.x + 8 + value * (box.width - 16);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 0; k < MOVES / 2; k++) {
      x += k < MOVES / 4 ? 3 : -3;
      await page.mouse.move(x, y);
    }
    await page.mouse.up();
    const r = await readMoves(page);
    times.push(...r.times);
    longFrames += r.longFrames;
  }
  await ctx.close();
  return { times, longFrames };
}

async function padMoves(browser: Browser, url: string, extra: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url + '#show=dx,dn,ds,ghosts' + extra);
  await page.waitForSelector('[data-testid=pad-area]');
  await installMoveTimer(page, 'pointermove');
  const box = (await page.locator('[data-testid=family-panel] [data-testid=pad-area]').boundingBox())!;
  const cx = box.x + box.width * 0.3;
  const cy = box.y + box.height * 0.7;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let k = 0; k < MOVES; k++) {
    const a = (2 * Math.PI * k) / MOVES;
    await page.mouse.move(cx + Math.cos(a) * box.width * 0.25, cy - Math.sin(a) * box.height * 0.25);
  }
  await page.mouse.up();
  const r = await readMoves(page);
  await ctx.close();
  return r;
}

interface LongEntry {
  start: number;
  duration: number;
  /** Long animation frames: the scripts that ran in them (longest first) and forced layout time. */
  scripts?: { source: string; invoker: string; duration: number }[];
  forcedLayoutMs?: number;
  blockingMs?: number;
}

/**
 * Trains the default network at full speed with the Train section on screen and records, over
 * UPDATES figure updates: each update's scripting (the app's 'figures-update' measures), and every
 * long task and long animation frame (with script attribution) on the main thread.
 */
async function trainingUpdates(browser: Browser, url: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url + '#panels=family,train');
  await page.waitForSelector('[data-testid=train-play]');
  await page.locator('[data-testid=figure-loss]').scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const w = window as unknown as { __upd: { d: number; figures: number }[]; __long: unknown[]; __loaf: unknown[]; __on: boolean };
    w.__upd = [];
    w.__long = [];
    w.__loaf = [];
    w.__on = false;
    new PerformanceObserver((l) => {
      if (!w.__on) return;
      for (const e of l.getEntries()) if (e.name === 'figures-update') w.__upd.push({ d: e.duration, figures: Number((e as PerformanceMeasure).detail) });
    }).observe({ type: 'measure' });
    new PerformanceObserver((l) => {
      if (w.__on) for (const e of l.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    new PerformanceObserver((l) => {
      if (!w.__on) return;
      for (const e of l.getEntries()) {
        // PerformanceLongAnimationFrameTiming is not in TypeScript's DOM types yet.
        const f = e as PerformanceEntry & { blockingDuration: number; scripts: { sourceURL: string; sourceFunctionName: string; invoker: string; duration: number; forcedStyleAndLayoutDuration: number }[] };
        w.__loaf.push({
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
  });
  await page.click('[data-testid=train-play]');
  // Backend choice, data loading and the first evaluation come before steady training.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=status-step]')?.textContent) >= 20, null, { timeout: 180_000 });
  const step0 = Number(await page.textContent('[data-testid=status-step]'));
  const t0 = Date.now();
  await page.evaluate(() => ((window as unknown as { __on: boolean }).__on = true));
  await page.waitForFunction((n) => (window as unknown as { __upd: unknown[] }).__upd.length >= n, UPDATES, { timeout: 300_000, polling: 500 });
  const r = await page.evaluate(() => {
    const w = window as unknown as { __upd: { d: number; figures: number }[]; __long: LongEntry[]; __loaf: LongEntry[]; __on: boolean };
    w.__on = false;
    return { upd: w.__upd.slice(), long: w.__long.slice(), loaf: w.__loaf.slice() };
  });
  const seconds = (Date.now() - t0) / 1000;
  const steps = Number(await page.textContent('[data-testid=status-step]')) - step0;
  const backend = (await page.textContent('[data-testid=status-backend]'))?.trim() ?? '';
  await page.click('[data-testid=train-pause]');
  await ctx.close();
  const times = r.upd.map((u) => u.d);
  return {
    updates: times.length,
    figuresPerUpdate: Math.max(...r.upd.map((u) => u.figures)),
    medianMs: round(quantile(times, 0.5), 2),
    p95Ms: round(quantile(times, 0.95), 2),
    maxMs: round(Math.max(...times), 2),
    budgetP95Ms: BUDGET.updateP95Ms,
    seconds: round(seconds),
    stepsPerSec: round(steps / seconds),
    backend,
    longTasks: r.long.map((e) => ({ start: round(e.start), duration: round(e.duration) })),
    longAnimationFrames: r.loaf.map((e) => ({ ...e, start: round(e.start), duration: round(e.duration), forcedLayoutMs: round(e.forcedLayoutMs ?? 0), blockingMs: round(e.blockingMs ?? 0) })),
  };
}

function moveStats(r: { times: number[]; longFrames: number }) {
  return {
    count: r.times.length,
    medianMs: round(quantile(r.times, 0.5), 2),
    p95Ms: round(quantile(r.times, 0.95), 2),
    maxMs: round(Math.max(...r.times), 2),
    longAnimationFrames: r.longFrames,
    budgetP95Ms: BUDGET.moveP95Ms,
  };
}

function longest(entries: { duration: number }[]): number {
  return entries.length ? Math.max(...entries.map((e) => e.duration)) : 0;
}

/** "; scripts in them: …" naming the scripts that took the most time across long frames. */
function loafNote(frames: LongEntry[]): string {
  const total = new Map<string, number>();
  for (const f of frames) for (const sc of f.scripts ?? []) total.set(`${sc.invoker}`, (total.get(sc.invoker) ?? 0) + sc.duration);
  const top = [...total].sort((a, b) => b[1] - a[1]).slice(0, 2);
  return top.length ? ` (scripts in them, total: ${top.map(([k, v]) => `${k.replace(/\|/g, '/')} ${v} ms`).join('; ')})` : ' (no script in them)';
}

function writeBenchmarksSection(markdown: string) {
  const file = 'BENCHMARKS.md';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = old.indexOf('\n## Page\n');
  let next: string;
  if (start < 0) {
    next = `${old.trimEnd()}\n\n${markdown}`;
  } else {
    const after = old.indexOf('\n## ', start + 1);
    next = old.slice(0, start + 1) + markdown + (after < 0 ? '' : `\n${old.slice(after + 1)}`);
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}

async function main() {
  if (!process.env.SKIP_BUILD || !existsSync(join(DIST, 'index.html'))) {
    execSync(`npx vite build --logLevel error --outDir ${DIST}`, { stdio: 'inherit' });
  }
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const scripts = await firstPaintScripts(browser, server.url);
    const jsGzipKB = round(scripts.reduce((a, s) => a + s.gzip, 0) / 1024);
    const loads = await firstCurveMs(browser, server.url);
    // The whole default page (other sections react to n and s too), and the family section alone.
    const slider = await sliderMoves(browser, server.url, '');
    const pad = await padMoves(browser, server.url, '');
    const sliderAlone = await sliderMoves(browser, server.url, '&panels=family');
    const padAlone = await padMoves(browser, server.url, '&panels=family');
    const training = await trainingUpdates(browser, server.url);
    const result = {
      date: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memory: execSync('free -h').toString().split('\n')[1]?.trim().split(/\s+/)[1] ?? 'unknown',
        chromium: browser.version(),
      },
      firstPaintJs: { files: scripts, gzipKB: jsGzipKB, containsTfjs: scripts.some((s) => s.tfjs), budgetKB: BUDGET.jsGzipKB },
      firstCurve: { runsMs: loads.map((v) => round(v)), medianMs: round(quantile(loads, 0.5)), budgetMs: BUDGET.firstCurveMs },
      sliderMove: moveStats(slider),
      padMove: moveStats(pad),
      familyAlone: { sliderMove: moveStats(sliderAlone), padMove: moveStats(padAlone) },
      training,
      loadAverage: loadavg().map((v) => round(v, 2)),
    };
    mkdirSync('bench', { recursive: true });
    writeFileSync('bench/page.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));

    const ok = (v: number, b: number) => (v <= b ? 'within' : '**over**');
    const moveRow = (what: string, m: ReturnType<typeof moveStats>, where: string) =>
      `| ${what}, ${m.count} moves, ${where} | median ${m.medianMs} ms, p95 ${m.p95Ms} ms, max ${m.maxMs} ms; ${m.longAnimationFrames} long frames | p95 ≤ ${BUDGET.moveP95Ms} ms (${ok(m.p95Ms, BUDGET.moveP95Ms)}) |`;
    writeBenchmarksSection(
      [
        '## Page',
        '',
        `Measured by \`npm run bench:page\` (scripts/bench-page.ts) on ${result.date.slice(0, 10)}: production build served on`,
        `loopback, headless Chromium ${result.machine.chromium}, ${result.machine.cores} cores (${result.machine.cpu}), ${result.machine.memory} RAM, no GPU;`,
        `load average during the run ${result.loadAverage.join(' / ')} (1 / 5 / 15 min). Raw numbers: bench/page.json.`,
        '',
        '| What | Measured | Budget |',
        '|---|---|---|',
        `| JavaScript loaded before the first curve (gzip -9, ${scripts.length} files) | ${jsGzipKB} KB, tfjs: ${result.firstPaintJs.containsTfjs ? '**yes**' : 'none'} | ≤ ${BUDGET.jsGzipKB} KB (${ok(jsGzipKB, BUDGET.jsGzipKB)}) |`,
        `| Navigation → first γ curve painted, median of ${LOADS} cold loads | ${result.firstCurve.medianMs} ms (runs: ${result.firstCurve.runsMs.join(', ')}) | ≤ ${BUDGET.firstCurveMs} ms (${ok(result.firstCurve.medianMs, BUDGET.firstCurveMs)}) |`,
        moveRow('Slider move (input → render → layout)', result.sliderMove, 'whole page'),
        moveRow('Pad drag move (pointermove → render → layout)', result.padMove, 'whole page'),
        moveRow('Slider move', result.familyAlone.sliderMove, 'family section alone, `#panels=family`'),
        moveRow('Pad drag move', result.familyAlone.padMove, 'family section alone, `#panels=family`'),
        `| Scripting per update of all training figures (${training.figuresPerUpdate} subscribers), ${training.updates} updates while training at full speed (${training.backend}, ${training.stepsPerSec} steps/s) | median ${training.medianMs} ms, p95 ${training.p95Ms} ms, max ${training.maxMs} ms | p95 ≤ ${BUDGET.updateP95Ms} ms (${ok(training.p95Ms, BUDGET.updateP95Ms)}) |`,
        `| Main-thread long tasks during those ${training.seconds} s | ${training.longTasks.length} (longest ${longest(training.longTasks)} ms); ${training.longAnimationFrames.length} long animation frames${loafNote(training.longAnimationFrames)} | none over ${BUDGET.longTaskMs} ms (${training.longTasks.length === 0 ? 'within' : '**over**'}) |`,
        '',
        'Moves are real mouse input from playwright with all three derivative overlays and the landmark ghosts',
        'drawn (the heaviest γ chart). Per move the time runs from the event reaching the window (capture) to',
        'a task queued after the app’s handlers and React’s render, which forces style and layout; paint is not',
        'included. “Long frames” counts long-animation-frame entries (> 50 ms) seen during the moves.',
        'The whole-page rows include every other section that follows n and s as they move (the Train',
        'section’s figures); the family-alone rows isolate the family section. The machine is shared, so the',
        'load average above says how much the timings are inflated.',
        'The training rows run the default network (row-sMNIST, N = 64, batch 32, homogeneous) at full',
        'speed with the Train section scrolled into view. One update is one tick of the figures’ shared',
        'clock (≤ 10 per second): every figure due re-renders, commits and redraws its canvas inside one',
        '`flushSync`, timed by the page itself (`performance.measure(\'figures-update\')`). Long tasks and',
        'long animation frames come from PerformanceObserver; bench/page.json lists each with the scripts',
        'that ran in it (“?” is the browser’s own work: style, layout, paint and the worker competing for',
        'the two cores).',
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
