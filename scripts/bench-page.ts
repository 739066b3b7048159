/**
 * Page benchmark: builds the site (or reuses dist/ with SKIP_BUILD=1), serves it on loopback, and
 * measures in headless Chromium
 *   1. the gzip size of the JavaScript that loads before the first γ curve is painted (no tfjs),
 *   2. navigation → first curve painted (the app's performance mark), median of 5 cold loads,
 *   3. the main-thread work per slider / pad move (input event → render → style and layout), p95
 *      over ~100 real mouse moves each,
 *   4. while the default network trains for 60 s with every figure on screen, at 1440 and 375 px:
 *      the scripting of each figure update, the longest main-thread task and the long-task count,
 *   5. the same while three runs train side by side in the Compare section (row-sMNIST, wasm,
 *      default size): their steps/s together against one run alone.
 * Prints the numbers and whether each budget holds, writes bench/page.json and the "Page" section
 * of BENCHMARKS.md. Run: npm run bench:page (TRAIN_SECONDS=… shortens the training rows).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './staticServer';
import { firstCurveMs, firstPaintScripts } from './benchPage/load';
import { moveStats, padMoves, sliderMoves } from './benchPage/moves';
import { FIRST_CURVE_BUDGET_MS, JS_BUDGET_KB, pageMarkdown, writeBenchmarksSection, type PageResult } from './benchPage/report';
import { quantile, round } from './benchPage/stats';
import { LONG_TASK_MS, trainingUpdates, UPDATE_BUDGET_P95_MS } from './benchPage/training';
import { LANDSCAPE_BUDGET_MS, landscapeDraws } from './benchPage/landscape';

/** Build folder to serve (BENCH_DIST=dist-x to measure a build of one's own). */
const DIST = process.env.BENCH_DIST ?? 'dist';
const TRAIN_SECONDS = Number(process.env.TRAIN_SECONDS ?? 60);

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
    const scripts = await firstPaintScripts(browser, server.url, DIST);
    const loads = await firstCurveMs(browser, server.url);
    // The whole default page (other sections react to n and s too), and the family section alone.
    const slider = await sliderMoves(browser, server.url, '');
    const pad = await padMoves(browser, server.url, '');
    const sliderAlone = await sliderMoves(browser, server.url, '&panels=family');
    const padAlone = await padMoves(browser, server.url, '&panels=family');
    const landscape = await landscapeDraws(browser, server.url, DIST);
    const training = [];
    for (const width of [1440, 375]) training.push(await trainingUpdates(browser, server.url, { width, seconds: TRAIN_SECONDS, hash: 'panels=family,train&backend=wasm' }));
    training.push(
      await trainingUpdates(browser, server.url, {
        width: 1440,
        seconds: TRAIN_SECONDS,
        hash: 'panels=compare&compare=static-relu,homogeneous,heterogeneous&backend=wasm&csteps=10000',
        play: 'compare-play',
      }),
    );
    const result: PageResult = {
      date: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memory: execSync('free -h').toString().split('\n')[1]?.trim().split(/\s+/)[1] ?? 'unknown',
        chromium: browser.version(),
      },
      firstPaintJs: { files: scripts, gzipKB: round(scripts.reduce((a, s) => a + s.gzip, 0) / 1024), containsTfjs: scripts.some((s) => s.tfjs) },
      firstCurve: { runsMs: loads.map((v) => round(v)), medianMs: round(quantile(loads, 0.5)) },
      sliderMove: moveStats(slider),
      padMove: moveStats(pad),
      familyAlone: { sliderMove: moveStats(sliderAlone), padMove: moveStats(padAlone) },
      training,
      landscape,
      loadAverage: loadavg().map((v) => round(v, 2)),
    };
    mkdirSync('bench', { recursive: true });
    writeFileSync('bench/page.json', `${JSON.stringify(result, null, 2)}\n`);
    writeBenchmarksSection(pageMarkdown(result));
    const verdict = (what: string, v: number, budget: number, unit: string) => console.log(`${v <= budget ? 'within' : 'OVER  '}  ${what}: ${v} ${unit} (budget ${budget} ${unit})`);
    verdict('first-paint JavaScript, gzip', result.firstPaintJs.gzipKB, JS_BUDGET_KB, 'KB');
    verdict('navigation → first curve, median', result.firstCurve.medianMs, FIRST_CURVE_BUDGET_MS, 'ms');
    for (const [what, m] of [['slider move p95', result.sliderMove], ['pad move p95', result.padMove]] as const) verdict(what, m.p95Ms, m.budgetP95Ms, 'ms');
    for (const l of landscape) verdict(`landscape ${l.task}: file in hand → heat map drawn`, l.drawMs, LANDSCAPE_BUDGET_MS, 'ms');
    for (const t of training) {
      const what = `${t.runs > 1 ? `${t.runs} runs` : 'one run'} at ${t.width} px`;
      verdict(`figure update p95, ${what}`, t.p95Ms, UPDATE_BUDGET_P95_MS, 'ms');
      verdict(`long tasks, ${what} (longest ${t.longestTaskMs} ms)`, t.longTasks.length, 0, `tasks over ${LONG_TASK_MS} ms`);
      console.log(`        tasks over ${LONG_TASK_MS} ms in the trace, ${what}: ${t.trace.overWall} by wall time (longest ${t.trace.longestWallMs} ms), ${t.trace.overThread} by the main thread's own time (longest ${t.trace.longestThreadMs} ms)`);
      console.log(`        steps/s, ${what}: ${t.stepsPerSec}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
