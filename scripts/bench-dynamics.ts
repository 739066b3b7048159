/**
 * Benchmark of the dynamics analyses (core/, plain float64), run inside a node worker_thread as
 * they run inside a Web Worker on the page: the Lyapunov spectrum (N = 64, k = 10, 2,000 steps),
 * KSG mutual information on 2,000 hidden states of 64 units, and the (n, s) maps at 20 × 10 cells
 * for N = 64 through the dynamics host (time to the first coarse draw and to full resolution).
 * Then the Dynamics section in headless Chromium (scripts/benchDynamics/page.ts): the maps' time
 * to first draw and to full resolution on the page, and training speed with the section on screen
 * against off screen in one run, with the longest main-thread task (NO_BROWSER=1 skips this part;
 * SKIP_BUILD=1 reuses dist/; PHASE_SECONDS sets each training phase, default 30).
 * Writes bench/dynamics.json and the "Dynamics analyses" section at the end of BENCHMARKS.md.
 * Run: npm run bench:dynamics
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { chromium } from 'playwright-core';
import { lyapunovSpectrum } from '../src/core/lyapunov';
import { mutualInformationSamples } from '../src/core/mutualInfo';
import { untrainedSetup } from '../src/core/nsMaps';
import { runProbes } from '../src/core/netFloat64';
import { createRng } from '../src/core/rng';
import { stateInputMI } from '../src/core/stateInputMI';
import { createDynamicsHost } from '../src/engine/dynamicsHost';
import type { MapRequest, NsMapKind } from '../src/engine/dynamicsProtocol';
import { MAP_GRID } from '../src/panels/dynamics/requests';
import { mapTimings, trainingRatio, type MapTiming as PageMapTiming, type TrainingRatio } from './benchDynamics/page';
import { serveStatic } from './staticServer';

const REPEATS = 5;
const BUDGET = { lyapunovMs: 500, miMs: 1000 };
/** The page's grid (n log-spaced over the pad, 0.1 … 100; s = 0 … 1). */
const GRID = MAP_GRID;

interface Timing {
  /** Milliseconds of each repeat, in order (the first includes JIT warm-up). */
  runs: number[];
  median: number;
  max: number;
}

interface MapTiming {
  kind: NsMapKind;
  cells: number;
  coarseCells: number;
  firstDrawMs: number;
  fullMs: number;
  nanCells: number;
}

interface Results {
  lyapunov: Timing & { exponents: number[] };
  mi: Timing & { samples: number; nats: number };
  miGaussian: Timing & { nats: number };
  maps: MapTiming[];
}

function time(f: () => void): Timing {
  const runs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    f();
    runs.push(performance.now() - t0);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { runs, median: sorted[Math.floor(REPEATS / 2)], max: sorted[REPEATS - 1] };
}

async function mapTiming(kind: NsMapKind): Promise<MapTiming> {
  const request: MapRequest = { kind, hidden: 64, seed: 1, grid: GRID };
  const t0 = performance.now();
  let firstDrawMs = NaN;
  let coarseCells = 0;
  let nanCells = 0;
  let fullMs = NaN;
  const host = createDynamicsHost({
    post: (m) => {
      if (m.type === 'map-cells') {
        nanCells += m.values.filter(Number.isNaN).length;
        if (m.coarse && Number.isNaN(firstDrawMs)) {
          firstDrawMs = performance.now() - t0;
          coarseCells = m.done;
        }
      } else if (m.type === 'map-done') fullMs = performance.now() - t0;
      else if (m.type === 'error') throw new Error(m.message);
    },
  });
  host.handle({ type: 'map', id: 1, request });
  await host.idle();
  return { kind, cells: GRID.n.length * GRID.s.length, coarseCells, firstDrawMs, fullMs, nanCells };
}

async function measure(): Promise<Results> {
  // Lyapunov: a chaotic random network (V ~ N(0, 3²/N), sigmoid with gain n = 8, b centring the
  // pre-activations); the cost does not depend on the weights, only on N, k and the steps.
  const N = 64;
  const r = createRng(7);
  const V = new Float64Array(N * N).map(() => (3 / Math.sqrt(N)) * r.normal());
  const b = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) b[i] -= 0.5 * V[j * N + i];
  const net = { V, b, n: 8, s: 1 };
  let exponents: number[] = [];
  const lyapunov = time(() => {
    exponents = lyapunovSpectrum(net, { k: 10, steps: 2000, burnIn: 200, seed: 1 });
  });

  // MI: hidden states of the untrained N = 64 network (n = 5, s = 0.5) driven by the map's probe
  // inputs, 40 probes × 50 steps after a 10-step warm-up, against the last 5 inputs.
  const u = untrainedSetup({ hidden: N, seed: 1, probes: 40, steps: 60 });
  const run = runProbes({ U: u.U, V: u.V, b: u.b, n: 5, s: 0.5 }, u.x, u.P, u.T);
  let res = { mi: NaN, samples: 0 };
  const mi = time(() => {
    res = stateInputMI(run.h, u.x, { P: u.P, T: u.T, N, I: u.I }, { window: 5, from: 10, maxSamples: 2000 });
  });

  // The estimator's slow case: 64 i.i.d. Gaussian coordinates (no coordinate lets a distance stop early).
  const M = 2000;
  const g = createRng(3);
  const gx = new Float64Array(M * N).map(() => g.normal());
  const gy = new Float64Array(M * 5).map((_, i) => 0.8 * gx[Math.floor(i / 5) * N + (i % 5)] + 0.6 * g.normal());
  let gaussNats = NaN;
  const miGaussian = time(() => {
    gaussNats = mutualInformationSamples({ data: gx, dim: N }, { data: gy, dim: 5 }, M, 5);
  });

  const maps = [await mapTiming('gradient'), await mapTiming('mi')];
  return { lyapunov: { ...lyapunov, exponents }, mi: { ...mi, samples: res.samples, nats: res.mi }, miGaussian: { ...miGaussian, nats: gaussNats }, maps };
}

const f0 = (x: number) => x.toFixed(0);
const within = (ms: number, budget: number) => (ms <= budget ? 'within' : 'OVER');

interface PageResults {
  chromium: string;
  maps: PageMapTiming[];
  training: TrainingRatio;
}

/** The Dynamics section in headless Chromium: the maps on the page, and training with the section open. */
async function measurePage(): Promise<PageResults> {
  if (!process.env.SKIP_BUILD || !existsSync('dist/index.html')) execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  const server = await serveStatic('dist');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const maps = await mapTimings(browser, server.url);
    const training = await trainingRatio(browser, server.url, Number(process.env.PHASE_SECONDS ?? 30));
    return { chromium: browser.version(), maps, training };
  } finally {
    await browser.close();
    await server.close();
  }
}

function renderPage(p: PageResults): string[] {
  const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const r = p.training;
  const longest = Math.max(...r.phases.map((x) => x.longestTaskMs));
  return [
    '',
    `On the page (production build, headless Chromium ${p.chromium}): the maps for N = 64 at 20 × 10 cells, timed from the`,
    'figure\'s first render (when it asks the dynamics worker) to the first draw covering the pad (the coarsest level) and to full',
    'resolution; "section": both maps on screen as the Dynamics section shows them (the worker interleaves them); "alone": one map embedded.',
    '',
    '| Map | Setting | Time to first draw | Time to full resolution | Longest main-thread task meanwhile |',
    '|---|---|---|---|---|',
    ...p.maps.map((m) => `| ${m.map === 'gradmap' ? 'gradient' : 'mi'} | ${m.setting} | ${m.firstDrawMs.toFixed(0)} ms | ${s1(m.fullMs)} | ${m.longestTaskMs.toFixed(0)} ms |`),
    '',
    `Training with the Dynamics section on screen against off screen, one run (\`#${r.hash}\`: N = 64, batch 32, rows, ${r.backend}),`,
    'alternating phases in one viewport as tall as the Dynamics section; off screen the family and Train sections are in view; on screen',
    'every Dynamics figure is (the first such phase computes both maps, the second is the steady state: maps cached, the run\'s spectrum,',
    'gradient reach and MI re-computed at most every 10 s and at most a tenth of the time each). While the run trains, the dynamics',
    'worker may use a quarter of a core on a machine with no core to spare beyond the main thread and the training worker',
    '(panels/dynamics/dynamicsRuntime.ts), and all of one otherwise:',
    '',
    '| Phase | Dynamics section | Seconds | Steps | Steps/s | Main thread busy | Longest main-thread task | Tasks over 50 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...r.phases.map((x, i) => `| ${i + 1} | ${x.dynamics} | ${x.seconds.toFixed(1)} | ${x.steps} | ${x.stepsPerSec.toFixed(1)} | ${(100 * x.mainThreadBusy).toFixed(0)} % | ${x.longestTaskMs.toFixed(0)} ms | ${x.longTasks} |`),
    '',
    `Steps/s on screen over off screen: ${(100 * r.ratioWhileMapsCompute).toFixed(0)} % while the maps compute (phase 2 against phases 1 and 3), ${(100 * r.ratioSteady).toFixed(0)} % in the steady state (phase 4 against 3); budget ≥ 80 % in both (${Math.min(r.ratioWhileMapsCompute, r.ratioSteady) >= 0.8 ? 'within' : 'OVER'}). Longest main-thread task: ${longest.toFixed(0)} ms (budget 50 ms: ${longest <= 50 ? 'within' : 'OVER'}).`,
    `λ₁ in the training worker: ${r.lyapunov.estimates} estimates, ${r.lyapunov.meanMs.toFixed(1)} ms each on average, every ${r.lyapunov.everyMs / 1000} s at most: ${(100 * r.lyapunov.shareOfTraining).toFixed(2)} % of the training time.`,
  ];
}

function renderSection(results: Results, machine: Machine, page: PageResults | null): string {
  const { lyapunov, mi, miGaussian, maps } = results;
  const runs = (t: Timing) => t.runs.map(f0).join(', ');
  const lines = [
    '## Dynamics analyses',
    '',
    `Measured by \`npm run bench:dynamics\` (scripts/bench-dynamics.ts) on ${machine.date}, inside a node ${machine.node} worker_thread,`,
    `${machine.nproc} cores (${machine.cpu}), ${machine.memoryGB} GB RAM; load average at the start ${machine.load.join(' / ')} (1 / 5 / 15 min).`,
    `Plain float64 in core/, no tfjs. ${REPEATS} repeats each (the first includes JIT warm-up). Raw numbers: bench/dynamics.json.`,
    '',
    '| What | Median | Max | Runs (ms) | Budget |',
    '|---|---|---|---|---|',
    `| Lyapunov spectrum, N = 64, k = 10, 2,000 steps (+ 200 burn-in) | ${f0(lyapunov.median)} ms | ${f0(lyapunov.max)} ms | ${runs(lyapunov)} | ≤ ${BUDGET.lyapunovMs} ms (${within(lyapunov.max, BUDGET.lyapunovMs)}) |`,
    `| KSG MI, ${mi.samples.toLocaleString('en-US')} hidden states of 64 units vs the last 5 inputs (k = 5) | ${f0(mi.median)} ms | ${f0(mi.max)} ms | ${runs(mi)} | ≤ ${BUDGET.miMs} ms (${within(mi.max, BUDGET.miMs)}) |`,
    `| KSG MI, 2,000 samples of 64 i.i.d. Gaussian coordinates vs 5 (the estimator's slow case) | ${f0(miGaussian.median)} ms | ${f0(miGaussian.max)} ms | ${runs(miGaussian)} | — |`,
    '',
    '(n, s) maps of untrained networks, N = 64, 20 × 10 cells (the page\'s grid: n log-spaced 0.1…100, s = 0…1), through the dynamics host',
    '(slices of ≤ 40 ms between yields, as in the worker); the first draw is the coarsest level complete:',
    '',
    '| Map | Cells in the first draw | Time to first draw | Time to full resolution | Cells that failed |',
    '|---|---|---|---|---|',
    ...maps.map((m) => `| ${m.kind === 'gradient' ? 'gradient (mean step-Jacobian RMS norm, 16 probes × 60 steps)' : 'mi (KSG, h_t vs last 5 inputs, 16 probes × 50 steps = 800 samples)'} | ${m.coarseCells} of ${m.cells} | ${f0(m.firstDrawMs)} ms | ${(m.fullMs / 1000).toFixed(1)} s | ${m.nanCells} |`),
    '',
    `Lyapunov exponents of that (chaotic) network (nats/step): ${lyapunov.exponents.slice(0, 3).map((v) => v.toFixed(3)).join(', ')}, …; MI estimates: ${mi.nats.toFixed(3)} nats (hidden states), ${miGaussian.nats.toFixed(3)} nats (Gaussian; true value 2.554, the 59 unrelated coordinates pull the estimate down).`,
    ...(page ? renderPage(page) : []),
    '',
    `The machine is shared: the load average says how much the times are inflated${page ? ` (at the end: ${loadavg().map((v) => v.toFixed(2)).join(' / ')})` : ''}.`,
    '',
  ];
  return lines.join('\n');
}

interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  memoryGB: string;
  node: string;
  load: string[];
}

/** Removes any earlier "## Dynamics analyses" section and appends this one at the end. */
function writeSection(section: string): void {
  const path = 'BENCHMARKS.md';
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf('## Dynamics analyses');
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start) + (next < 0 ? '' : text.slice(next + 1));
  }
  writeFileSync(path, `${text.trimEnd()}\n\n${section.trimEnd()}\n`);
}

async function main(): Promise<void> {
  const machine: Machine = {
    date: new Date().toISOString().slice(0, 10),
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: (totalmem() / 2 ** 30).toFixed(0),
    node: process.version,
    load: loadavg().map((v) => v.toFixed(2)),
  };
  process.stdout.write(`${machine.nproc} cores (${machine.cpu}), load ${machine.load.join(' / ')}; measuring in a worker_thread…\n`);
  const results = await new Promise<Results>((ok, fail) => {
    // tsx's loader does not reach worker threads on node ≥ 20.6, so a small JavaScript entry
    // registers it in the worker and then imports this file.
    const entry = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const w = new Worker(entry, { eval: true });
    w.once('message', ok);
    w.once('error', fail);
    w.once('exit', (code) => code !== 0 && fail(new Error(`the benchmark worker exited with code ${code}`)));
  });
  const { lyapunov, mi, miGaussian, maps } = results;
  process.stdout.write(
    [
      `Lyapunov N=64 k=10 2000 steps: median ${f0(lyapunov.median)} ms, max ${f0(lyapunov.max)} ms (budget ${BUDGET.lyapunovMs} ms: ${within(lyapunov.max, BUDGET.lyapunovMs)})`,
      `MI ${mi.samples} × 64-unit states: median ${f0(mi.median)} ms, max ${f0(mi.max)} ms (budget ${BUDGET.miMs} ms: ${within(mi.max, BUDGET.miMs)})`,
      `MI 2000 × 64 Gaussian: median ${f0(miGaussian.median)} ms, max ${f0(miGaussian.max)} ms`,
      ...maps.map((m) => `map ${m.kind} 20×10: first draw (${m.coarseCells} cells) ${f0(m.firstDrawMs)} ms, full ${(m.fullMs / 1000).toFixed(1)} s, failed cells ${m.nanCells}`),
      '',
    ].join('\n'),
  );
  let page: PageResults | null = null;
  if (!process.env.NO_BROWSER) {
    process.stdout.write('measuring the Dynamics section in Chromium…\n');
    page = await measurePage();
    for (const m of page.maps) process.stdout.write(`page map ${m.map} (${m.setting}): first draw ${m.firstDrawMs.toFixed(0)} ms, full ${(m.fullMs / 1000).toFixed(1)} s, longest task ${m.longestTaskMs.toFixed(0)} ms\n`);
    const r = page.training;
    for (const x of r.phases) process.stdout.write(`training, Dynamics ${x.dynamics}: ${x.stepsPerSec.toFixed(1)} steps/s over ${x.seconds.toFixed(0)} s, main thread ${(100 * x.mainThreadBusy).toFixed(0)} % busy, longest task ${x.longestTaskMs.toFixed(0)} ms\n`);
    process.stdout.write(`ratio ${(100 * r.ratioWhileMapsCompute).toFixed(0)} % (maps computing), ${(100 * r.ratioSteady).toFixed(0)} % (steady); λ₁ ${r.lyapunov.meanMs.toFixed(1)} ms × ${r.lyapunov.estimates} = ${(100 * r.lyapunov.shareOfTraining).toFixed(2)} % of training\n`);
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/dynamics.json', `${JSON.stringify({ machine, budget: BUDGET, grid: GRID, ...results, page }, null, 2)}\n`);
  writeSection(renderSection(results, machine, page));
  process.stdout.write('wrote bench/dynamics.json and the Dynamics analyses section of BENCHMARKS.md\n');
}

if (isMainThread) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  measure().then((r) => parentPort?.postMessage(r));
}
