/**
 * Training-engine benchmark: builds the site (SKIP_BUILD=1 reuses dist/), serves it on loopback,
 * opens bench.html in headless Chromium with WebGPU enabled, and for each backend that works here
 * times our training step (fused kernels where the backend has them, and the op-by-op path beside
 * them), against the same network in tf.layers, on row-sMNIST, psMNIST-14 and psMNIST-28 at
 * N = 64, 128, 256 (and the copy task at 64), with kernels per step; then long runs of the real
 * training worker per backend and with auto (tensor count, heap, steps/s).
 * Writes bench/results.json and the "Training engine" section of BENCHMARKS.md.
 * BENCH_BACKENDS=wasm,webgpu limits the backends (a partial run still writes both files);
 * BENCH_RENDER_ONLY=1 rewrites the section from bench/results.json (after editing the notes);
 * BENCH_LONG_ONLY=1 runs only the long runs and keeps the rows of bench/results.json.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import type { BenchEvent, BenchRequest, BenchRow, LongRun } from '../src/bench/benchTypes';
import type { BackendName } from '../src/engine/protocol';
import { DEFAULT_SIZE, longRun, SMALL_SIZE } from './benchLongRun';
import { renderSection, writeSection, type Machine } from './benchRender';
import { serveStatic } from './staticServer';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'];

/**
 * longCapMs bounds the long run at the default size; where it ends before longSteps, a second
 * long run at SMALL_SIZE (the tensor count does not depend on the size) gets smallCapMs.
 */
type Plan = { backend: BackendName; budgetMs: number; maxSteps: number; slowStepMs: number; skipPredictedMs: number; longSteps: number; longCapMs: number; smallCapMs: number };
/** Per-backend budgets: software GPUs and plain JS take seconds per step at the larger sizes. */
const PLANS: Plan[] = [
  { backend: 'wasm', budgetMs: 3000, maxSteps: 200, slowStepMs: 8000, skipPredictedMs: 30_000, longSteps: 10_000, longCapMs: 240_000, smallCapMs: 240_000 },
  { backend: 'webgpu', budgetMs: 3000, maxSteps: 30, slowStepMs: 10_000, skipPredictedMs: 30_000, longSteps: 10_000, longCapMs: 90_000, smallCapMs: 240_000 },
  // The software GL takes ~20 ms a step even at the small size: 10,000 steps need ~3 minutes.
  { backend: 'webgl', budgetMs: 2500, maxSteps: 30, slowStepMs: 8000, skipPredictedMs: 30_000, longSteps: 10_000, longCapMs: 60_000, smallCapMs: 1_500_000 },
  { backend: 'cpu', budgetMs: 2500, maxSteps: 60, slowStepMs: 6000, skipPredictedMs: 30_000, longSteps: 10_000, longCapMs: 60_000, smallCapMs: 240_000 },
];
const ONLY = process.env.BENCH_BACKENDS?.split(',');
/** Only the long runs: the per-step rows are kept from bench/results.json. */
const LONG_ONLY = Boolean(process.env.BENCH_LONG_ONLY);
const CALL_TIMEOUT_MS = 40 * 60_000;

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}

function sh(cmd: string): string {
  try {
    return execSync(cmd, { encoding: 'utf8' }).trim();
  } catch {
    return 'n/a';
  }
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

/** Kernel counts depend on T and the code path, not on N: rows at other sizes take N = 64's. */
function fillCounts(rows: BenchRow[]): void {
  for (const r of rows) {
    const base = rows.find((x) => x.backend === r.backend && x.task === r.task && x.hidden === 64);
    if (!base || base === r) continue;
    if (r.ours.kernelsPerStep === undefined) r.ours.kernelsPerStep = base.ours.kernelsPerStep;
    if (r.opByOp && r.opByOp.kernelsPerStep === undefined) r.opByOp.kernelsPerStep = base.opByOp?.kernelsPerStep;
    if (r.layers && r.layers.kernelsPerStep === undefined) r.layers.kernelsPerStep = base.layers?.kernelsPerStep;
  }
}

async function main(): Promise<void> {
  if (!process.env.SKIP_BUILD || !existsSync('dist/bench.html')) execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  const loadBefore = load();
  const server = await serveStatic('dist');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const started = Date.now();
  const rows: BenchRow[] = [];
  const backends: { backend: BackendName; ok: boolean; detail: string }[] = [];
  const longs: LongRun[] = [];
  const plans = PLANS.filter((p) => !ONLY || ONLY.includes(p.backend));
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') log(`  [page error] ${m.text()}`);
    });
    await page.goto(`${server.url}bench.html#run=0`);
    await page.waitForFunction(() => window.engineHarness !== undefined);
    const call = async (req: Partial<Omit<BenchRequest, 'type' | 'baseUrl'>>): Promise<BenchEvent[]> => {
      const run = page.evaluate((r) => window.engineHarness.runBenchmark(r), req);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('benchmark call timed out')), CALL_TIMEOUT_MS);
      });
      return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
    };
    for (const plan of LONG_ONLY ? [] : plans) {
      log(`${plan.backend}: up to ${plan.maxSteps} steps or ${plan.budgetMs / 1000} s per task, size and implementation`);
      for (const part of [{ tasks: ['rows', 'ps14', 'ps28'], hidden: [64, 128, 256] }, { tasks: ['copy'], hidden: [64] }] as const) {
        const events = await call({ backends: [plan.backend], tasks: [...part.tasks], hidden: [...part.hidden], budgetMs: plan.budgetMs, maxSteps: plan.maxSteps, slowStepMs: plan.slowStepMs, skipPredictedMs: plan.skipPredictedMs, opByOp: true }).catch((e: unknown) => {
          log(`  failed: ${e instanceof Error ? e.message : String(e)}`);
          return [] as BenchEvent[];
        });
        for (const e of events) {
          if (e.type === 'backend' && !backends.some((b) => b.backend === e.backend)) backends.push({ backend: e.backend, ok: e.ok, detail: e.detail });
          if (e.type === 'row') {
            rows.push(e.row);
            const r = e.row;
            log(`  ${r.task} N=${r.hidden}: ours ${r.ours.msPerStep.toFixed(1)} ms (${r.ours.kernelsPerStep ?? '·'} kernels)${r.opByOp ? `, op-by-op ${r.opByOp.msPerStep.toFixed(1)} ms` : ''}, tf.layers ${r.layers?.msPerStep.toFixed(1)} ms (×${r.speedup.toFixed(2)})`);
          }
          if (e.type === 'error') log(`  error: ${e.message}`);
        }
      }
    }
    const long = async (backend: string, steps: number, capMs: number, size = DEFAULT_SIZE) => {
      log(`long run: row-sMNIST in the training worker, backend ${backend}, N = ${size.hidden}, batch ${size.batch}, up to ${steps} steps or ${capMs / 1000} s`);
      try {
        const l = await longRun(browser, server.url, backend, steps, capMs, size);
        longs.push(l);
        log(`  ran on ${l.backend}: ${l.steps} steps, ${l.stepsPerSec.toFixed(1)} steps/s, tensors ${l.tensorsAtStart} → ${l.tensorsAtEnd}`);
        return l;
      } catch (e) {
        log(`  long run failed: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      }
    };
    for (const plan of plans) {
      const l = await long(plan.backend, plan.longSteps, plan.longCapMs);
      if (!l || l.steps < plan.longSteps) await long(plan.backend, plan.longSteps, plan.smallCapMs, SMALL_SIZE);
    }
    await long('auto', 2000, 120_000);
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
  fillCounts(rows);
  const date = new Date().toISOString().slice(0, 10);
  const minutes = (Date.now() - started) / 60_000;
  const previous = LONG_ONLY ? lastResults() : null;
  const machine: Machine = previous
    ? { ...previous.machine, longRuns: { date, minutes, loadBefore, loadAfter: load() } }
    : {
        date,
        nproc: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memory: sh("free -h | awk '/Mem:/ {print $2}'"),
        chromium: sh(`${CHROMIUM} --version 2>/dev/null`),
        minutes,
        loadBefore,
        loadAfter: load(),
      };
  const out = previous ? { ...previous, machine, long: longs } : { machine, plans, backends, rows, long: longs };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', `${JSON.stringify(out, null, 2)}\n`);
  writeSection(renderSection(out.machine, out.backends, out.rows, out.long));
  log('wrote bench/results.json and the Training engine section of BENCHMARKS.md');
}

interface Results {
  machine: Machine;
  plans: Plan[];
  backends: { backend: BackendName; ok: boolean; detail: string }[];
  rows: BenchRow[];
  long: LongRun[];
}

function lastResults(): Results {
  return JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
}

/** Re-renders BENCHMARKS.md's section from the last results (notes edited by hand since). */
function renderOnly(): void {
  const r = lastResults();
  writeSection(renderSection(r.machine, r.backends, r.rows, r.long));
}

(process.env.BENCH_RENDER_ONLY ? Promise.resolve(renderOnly()) : main()).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
